import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AttendeeList,
  CheckInProblem,
  CheckInRequest,
  CheckInResult,
  DoorCounts,
  IdParams,
  MyRegistrationsQuery,
  Problem,
  Quotas,
  RegisterRequest,
  Registration,
  RegistrationAction,
  RegistrationAudit,
  RegistrationList,
  RegistrationOverview,
  RegistrationQuery,
  RegistrationRow,
  UpdateRegistration,
} from '@apoc/shared';
import { Type } from 'typebox';
import { Refusals } from '../../schemas';
import { sendCsv } from '../../spreadsheet';
import { signedInMember } from '../auth/auth.plugin';
import { registrationsCsv } from './registrations.csv';

const RegistrationParams = Type.Object({ id: IdParams.properties.id, registrationId: IdParams.properties.id });

const registrationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { registrations, registrationDesk: desk } = app;

  app.post(
    '/api/summits/:id/registrations',
    {
      schema: {
        tags: ['registrations'],
        summary: 'Register for a summit (repeating it returns the same registration with 200)',
        params: IdParams,
        body: RegisterRequest,
        response: { 200: Registration, 201: Registration, ...Refusals },
      },
      // Per member, not per IP: a whole hospital may register from behind one address when registration opens.
      config: {
        access: 'member',
        rateLimit: { max: 30, timeWindow: 60_000, keyGenerator: (request) => request.member?.id ?? request.ip },
      },
    },
    async (request, reply) => {
      const { registration, created } = await registrations.register(
        signedInMember(request),
        request.params.id,
        request.body,
      );
      return reply.status(created ? 201 : 200).send(registration);
    },
  );

  app.get(
    '/api/summits/:id/attendees',
    {
      schema: {
        tags: ['registrations'],
        summary: 'Who comes: members see those who agreed to be listed (and how many others); organisers see all',
        params: IdParams,
        response: { 200: AttendeeList, ...Refusals },
      },
      config: { access: 'member' },
    },
    async (request) => registrations.attendees(signedInMember(request), request.params.id),
  );

  app.get(
    '/api/summits/:id/registrations/me',
    {
      schema: {
        tags: ['registrations'],
        summary: 'My registration for this summit',
        params: IdParams,
        response: { 200: Registration, ...Refusals },
      },
      config: { access: 'member' },
    },
    async (request) => registrations.mineFor(signedInMember(request), request.params.id),
  );

  app.patch(
    '/api/summits/:id/registrations/me',
    {
      schema: {
        tags: ['registrations'],
        summary: 'Switch attendance mode (subject to seats) or change my needs',
        params: IdParams,
        body: UpdateRegistration,
        response: { 200: Registration, ...Refusals },
      },
      config: { access: 'member' },
    },
    async (request) => registrations.update(signedInMember(request), request.params.id, request.body),
  );

  app.delete(
    '/api/summits/:id/registrations/me',
    {
      schema: {
        tags: ['registrations'],
        summary: 'Cancel my registration',
        params: IdParams,
        response: { 200: Registration, ...Refusals },
      },
      config: { access: 'member' },
    },
    async (request) => registrations.cancel(signedInMember(request), request.params.id),
  );

  app.get(
    '/api/me/registrations',
    {
      schema: {
        tags: ['registrations'],
        summary: 'All my registrations (cancelled ones included), or those for one summit',
        querystring: MyRegistrationsQuery,
        response: { 200: RegistrationList, 400: Problem, 401: Problem },
      },
      config: { access: 'member' },
    },
    async (request) => registrations.mineAll(signedInMember(request), request.query.summitId),
  );

  for (const [action, accept] of [
    ['accept', true],
    ['decline', false],
  ] as const) {
    app.post(
      `/api/registrations/:id/offer/${action}`,
      {
        schema: {
          tags: ['registrations'],
          summary: `${accept ? 'Accept' : 'Decline'} the seat I was offered`,
          params: IdParams,
          response: { 200: Registration, ...Refusals },
        },
        config: { access: 'member' },
      },
      async (request) => registrations.respondToOffer(signedInMember(request), request.params.id, accept),
    );
  }

  app.get(
    '/api/summits/:id/registrations',
    {
      schema: {
        tags: ['registrations'],
        summary: 'Registrations of a summit with counts per status, mode and institution',
        params: IdParams,
        querystring: RegistrationQuery,
        response: { 200: RegistrationOverview, ...Refusals },
      },
      config: { access: 'organiser' },
    },
    async (request) => desk.overview(request.params.id, request.query),
  );

  app.get(
    '/api/summits/:id/registrations.csv',
    {
      schema: {
        tags: ['registrations'],
        summary: 'Registrations as CSV, safe to open in a spreadsheet',
        params: IdParams,
        produces: ['text/csv'],
        response: { 200: Type.String(), ...Refusals },
      },
      config: { access: 'organiser' },
    },
    async (request, reply) => {
      const { registrations: rows } = await desk.overview(request.params.id, {});
      return sendCsv(reply, `registrations-${request.params.id}.csv`, registrationsCsv(rows));
    },
  );

  app.get(
    '/api/summits/:id/check-in/doors',
    {
      schema: {
        tags: ['registrations'],
        summary: 'How many badges each room door has scanned (each badge once per door)',
        params: IdParams,
        response: { 200: DoorCounts, ...Refusals },
      },
      config: { access: 'organiser' },
    },
    async (request) => desk.doorCounts(request.params.id),
  );

  app.get(
    '/api/summits/:id/registrations/audit',
    {
      schema: {
        tags: ['registrations'],
        summary: 'Every movement of every registration (the waitlist audit log), oldest first',
        params: IdParams,
        response: { 200: RegistrationAudit, ...Refusals },
      },
      config: { access: 'organiser' },
    },
    async (request) => desk.audit(request.params.id),
  );

  for (const [action, run] of [
    ['approve', (summitId: string, id: string, actor: { id: string }) => desk.approve(actor, summitId, id)],
    ['promote', (summitId: string, id: string, actor: { id: string }) => desk.promote(actor, summitId, id)],
  ] as const) {
    app.post(
      `/api/summits/:id/registrations/:registrationId/${action}`,
      {
        schema: {
          tags: ['registrations'],
          summary:
            action === 'approve'
              ? 'Approve a pending registration'
              : 'Move a waitlisted member into a free seat, ahead of the line',
          params: RegistrationParams,
          response: { 200: RegistrationRow, ...Refusals },
        },
        config: { access: 'organiser' },
      },
      async (request) => run(request.params.id, request.params.registrationId, signedInMember(request)),
    );
  }

  app.post(
    '/api/summits/:id/registrations/:registrationId/reject',
    {
      schema: {
        tags: ['registrations'],
        summary: 'Reject (cancel) a registration, with a reason for the member',
        params: RegistrationParams,
        body: RegistrationAction,
        response: { 200: RegistrationRow, ...Refusals },
      },
      config: { access: 'organiser' },
    },
    async (request) =>
      desk.reject(signedInMember(request), request.params.id, request.params.registrationId, request.body.reason ?? ''),
  );

  app.get(
    '/api/summits/:id/quotas',
    {
      schema: {
        tags: ['registrations'],
        summary: 'In-person seats reserved per institution',
        params: IdParams,
        response: { 200: Quotas, ...Refusals },
      },
      config: { access: 'organiser' },
    },
    async (request) => desk.quotas(request.params.id),
  );

  app.put(
    '/api/summits/:id/quotas',
    {
      schema: {
        tags: ['registrations'],
        summary: 'Reserve in-person seats per institution until a release date',
        params: IdParams,
        body: Quotas,
        response: { 200: Quotas, ...Refusals },
      },
      config: { access: 'organiser' },
    },
    async (request) => {
      await desk.setQuotas(request.params.id, request.body.quotas, request.body.releaseAt);
      return desk.quotas(request.params.id);
    },
  );

  app.post(
    '/api/summits/:id/check-in',
    {
      schema: {
        tags: ['registrations'],
        summary: 'Check an in-person attendee in by the code of their QR image, at the summit’s desk or a room door',
        description:
          'Accepted on the summit’s days and from 16:00 the evening before (in its zone); outside that window a 409 whose `checkIn` says why, until sent again with `confirm: true`. With `sessionId`, a scan at that session’s room door: accepted from 30 minutes before the session starts until it ends (else the same 409), recorded once per badge, and counted as the day’s check-in if the desk has not checked the badge in that day; `door` in the answer says which session and how many its door scanned.',
        params: IdParams,
        body: CheckInRequest,
        response: { 200: CheckInResult, ...Refusals, 400: CheckInProblem, 404: CheckInProblem, 409: CheckInProblem },
      },
      config: { access: 'organiser' },
    },
    async (request) => desk.checkIn(signedInMember(request), request.params.id, request.body),
  );
};

export default registrationsRoutes;
