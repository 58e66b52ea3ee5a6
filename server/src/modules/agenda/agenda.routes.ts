import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateRoom,
  CreateSession,
  CreateTrack,
  AttendanceReport,
  IdParams,
  ImportSessions,
  JoinResult,
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
import { signedInMember } from '../auth/auth.plugin';
import { SummitsRepository } from '../summits/summits.repository';
import { JoinRepository } from '../join/join.repository';
import { attendanceCsv, attendeesCsv } from '../join/join.csv';
import { JoinService } from '../join/join.service';
import { MembersRepository } from '../members/members.repository';
import { RegistrationsRepository } from '../registrations/registrations.repository';
import { agendaCsv } from './agenda.csv';
import { AgendaRepository } from './agenda.repository';
import { AgendaService } from './agenda.service';

const NoContent = { 204: Type.Null() };
const Editing = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

const agendaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const summitRows = new SummitsRepository(app.db);
  const summits = app.summits;
  const agendaRows = new AgendaRepository(app.db);
  const join = new JoinService(
    new JoinRepository(app.db),
    agendaRows,
    new RegistrationsRepository(app.db),
    summitRows,
    summits,
    app.clock,
  );
  const agenda = new AgendaService(app.db, agendaRows, summitRows, summits, new MembersRepository(app.db), join);
  const organiser = { access: 'organiser' as const };

  app.post(
    '/api/summits/:id/tracks',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Add a track',
        params: IdParams,
        body: CreateTrack,
        response: { 201: Track, ...Editing },
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
        response: { 200: Track, ...Editing },
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
        response: { ...NoContent, ...Editing },
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
        response: { 201: Room, ...Editing },
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
        response: { 200: Room, ...Editing },
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
        response: { ...NoContent, ...Editing },
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
        response: { 201: SessionDetail, ...Editing },
      },
      config: organiser,
    },
    async (request, reply) => reply.status(201).send(await agenda.createSession(request.params.id, request.body)),
  );
  app.get(
    '/api/sessions/:id',
    {
      schema: {
        tags: ['agenda'],
        summary: 'One session as published (organisers: as being edited, with its join URL)',
        params: IdParams,
        response: { 200: SessionDetail, 400: Problem, 403: Problem, 404: Problem },
      },
      config: { access: 'public' },
    },
    async (request) => agenda.session(request.params.id, request.member),
  );
  app.patch(
    '/api/sessions/:id',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Change any field of a session, set its join URL, or cancel it (status "cancelled")',
        params: IdParams,
        body: UpdateSession,
        response: { 200: SessionDetail, ...Editing },
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
        response: { ...NoContent, ...Editing, 409: Problem },
      },
      config: organiser,
    },
    async (request, reply) => {
      await agenda.deleteSession(request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/sessions/:id/join',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Join a virtual session: records attendance and returns the join URL, inside the join window',
        params: IdParams,
        response: { 200: JoinResult, ...Editing, 409: Problem },
      },
      config: { access: 'member' },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return join.joinSession(signedInMember(request), request.params.id);
    },
  );
  app.get(
    '/api/summits/:id/attendance',
    {
      schema: {
        tags: ['agenda'],
        summary:
          'Who attended which session (Join inside the join window, or in the live room while it ran), per institution and by name',
        params: IdParams,
        response: { 200: AttendanceReport, ...Editing },
      },
      config: organiser,
    },
    async (request) => join.report(request.params.id),
  );
  for (const [file, summary, render] of [
    ['attendance', 'Attendance per session and institution, as CSV safe to open in a spreadsheet', attendanceCsv],
    ['attendees', 'Each attendee of each session: joined in the window, minutes in the live room (CSV)', attendeesCsv],
  ] as const) {
    app.get(
      `/api/summits/:id/${file}.csv`,
      {
        schema: {
          tags: ['agenda'],
          summary,
          params: IdParams,
          produces: ['text/csv'],
          response: { 200: Type.String(), ...Editing },
        },
        config: organiser,
      },
      async (request, reply) =>
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${file}-${request.params.id}.csv"`)
          .send(render(await join.report(request.params.id))),
    );
  }

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
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="agenda-${summit.id}.csv"`)
        .send(agendaCsv(summit));
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
        response: { 200: SessionImportReport, ...Editing },
      },
      config: organiser,
    },
    async (request) => agenda.importSessions(request.params.id, request.body.csv, request.body.dryRun ?? false),
  );

  app.put(
    '/api/sessions/:id/star',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Star a session: it joins my agenda (422 for a break, which is not starrable)',
        params: IdParams,
        response: { ...NoContent, ...Editing, 422: Problem },
      },
      config: { access: 'member' },
    },
    async (request, reply) => {
      const member = signedInMember(request);
      await agenda.star(member.id, request.params.id, member);
      return reply.status(204).send(null);
    },
  );
  app.delete(
    '/api/sessions/:id/star',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Unstar a session',
        params: IdParams,
        response: { ...NoContent, ...Editing },
      },
      config: { access: 'member' },
    },
    async (request, reply) => {
      await agenda.unstar(signedInMember(request).id, request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/me/stars',
    {
      schema: {
        tags: ['agenda'],
        summary: 'The sessions I starred',
        response: { 200: Type.Array(Type.String()), 401: Problem },
      },
      config: { access: 'member' },
    },
    async (request) => agenda.starred(signedInMember(request).id),
  );
};

export default agendaRoutes;
