import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AttendanceReport, IdParams, JoinResult } from '@apoc/shared';
import { Type } from 'typebox';
import { Failures, Refusals } from '../../schemas';
import { sendCsv } from '../../spreadsheet';
import { signedInMember } from '../auth/auth.plugin';
import { attendanceCsv, attendeesCsv } from './join.csv';

// Joining a virtual session, and the attendance that joining and the live room record.
const joinRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/sessions/:id/join',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Join a virtual session: records attendance and returns the join URL, inside the join window',
        params: IdParams,
        response: { 200: JoinResult, ...Refusals },
      },
      config: { access: 'member' },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return app.join.joinSession(signedInMember(request), request.params.id);
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
        response: { 200: AttendanceReport, ...Failures },
      },
      config: { access: 'organiser' },
    },
    async (request) => app.join.report(request.params.id),
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
          response: { 200: Type.String(), ...Failures },
        },
        config: { access: 'organiser' },
      },
      async (request, reply) =>
        sendCsv(reply, `${file}-${request.params.id}.csv`, render(await app.join.report(request.params.id))),
    );
  }
};

export default joinRoutes;
