import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateRoom,
  CreateSession,
  CreateTrack,
  IdParams,
  ImportSessions,
  Problem,
  SessionImportReport,
  Room,
  SessionDetail,
  Track,
  UpdateRoom,
  UpdateSession,
  UpdateTrack,
} from '@apoc/shared';
import { Type } from 'typebox';
import { Failures, NoContent } from '../../schemas';
import { sendCsv } from '../../spreadsheet';
import { agendaCsv } from './agenda.csv';

const agendaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { agenda, summits } = app;
  const organiser = { access: 'organiser' as const };

  app.post(
    '/api/summits/:id/tracks',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Add a track',
        params: IdParams,
        body: CreateTrack,
        response: { 201: Track, ...Failures },
      },
      config: organiser,
    },
    async (request, reply) => reply.status(201).send(await agenda.createTrack(request.params.id, request.body)),
  );
  app.patch(
    '/api/tracks/:id',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Change a track',
        params: IdParams,
        body: UpdateTrack,
        response: { 200: Track, ...Failures },
      },
      config: organiser,
    },
    async (request) => agenda.updateTrack(request.params.id, request.body),
  );
  app.delete(
    '/api/tracks/:id',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Remove a track (its sessions keep no track)',
        params: IdParams,
        response: { ...NoContent, ...Failures },
      },
      config: organiser,
    },
    async (request, reply) => {
      await agenda.deleteTrack(request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/summits/:id/rooms',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Add a room',
        params: IdParams,
        body: CreateRoom,
        response: { 201: Room, ...Failures },
      },
      config: organiser,
    },
    async (request, reply) => reply.status(201).send(await agenda.createRoom(request.params.id, request.body)),
  );
  app.patch(
    '/api/rooms/:id',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Change a room',
        params: IdParams,
        body: UpdateRoom,
        response: { 200: Room, ...Failures },
      },
      config: organiser,
    },
    async (request) => agenda.updateRoom(request.params.id, request.body),
  );
  app.delete(
    '/api/rooms/:id',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Remove a room (its sessions keep no room)',
        params: IdParams,
        response: { ...NoContent, ...Failures },
      },
      config: organiser,
    },
    async (request, reply) => {
      await agenda.deleteRoom(request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/summits/:id/sessions',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Add a session (times are instants with an offset; none for an unscheduled session)',
        params: IdParams,
        body: CreateSession,
        response: { 201: SessionDetail, ...Failures },
      },
      config: organiser,
    },
    async (request, reply) => reply.status(201).send(await agenda.createSession(request.params.id, request.body)),
  );
  app.patch(
    '/api/sessions/:id',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Change any field of a session, set its join URL, or cancel it (status "cancelled")',
        params: IdParams,
        body: UpdateSession,
        response: { 200: SessionDetail, ...Failures },
      },
      config: organiser,
    },
    async (request) => agenda.updateSession(request.params.id, request.body),
  );
  app.delete(
    '/api/sessions/:id',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Delete a session never published (a published one is cancelled instead)',
        params: IdParams,
        response: { ...NoContent, ...Failures, 409: Problem },
      },
      config: organiser,
    },
    async (request, reply) => {
      await agenda.deleteSession(request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/summits/:id/agenda.csv',
    {
      schema: {
        tags: ['agenda'],
        summary: 'The published agenda as CSV (times in the summit’s zone), safe to open in a spreadsheet',
        params: IdParams,
        produces: ['text/csv'],
        response: { 200: Type.String(), 400: Problem, 404: Problem, 429: Problem },
      },
      config: { access: 'public', rateLimit: { max: 600, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const summit = await summits.agenda(request.params.id, request.member);
      return sendCsv(reply, `agenda-${summit.id}.csv`, agendaCsv(summit));
    },
  );
  app.post(
    '/api/summits/:id/sessions/import',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Create sessions from CSV, with a report per row (dryRun to preview)',
        params: IdParams,
        body: ImportSessions,
        response: { 200: SessionImportReport, ...Failures },
      },
      config: organiser,
    },
    async (request) => agenda.importSessions(request.params.id, request.body.csv, request.body.dryRun ?? false),
  );
};

export default agendaRoutes;
