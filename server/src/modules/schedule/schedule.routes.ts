import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Problem } from '@apoc/shared';
import { Type } from 'typebox';
import { holds } from '../../answers';
import { FRAB_SCHEMA_URL } from './schedule.frab';
import type { RenderedSchedule } from './schedule.service';
import type { FastifyReply, FastifyRequest } from 'fastify';

// The document's shape is the c3voc schema's, not ours: declared open so that the serializer keeps every
// field, and validated against that schema by the integration tests.
const FrabScheduleJson = Type.Object(
  {},
  { additionalProperties: true, description: `A schedule in the frab/pretalx format (${FRAB_SCHEMA_URL})` },
);

const FrabScheduleXml = {
  description: 'A schedule in the frab/pretalx XML format (c3voc schedule.xml.xsd)',
  content: { 'application/xml': { schema: Type.String() } },
};

/**
 * Exports are read by programs that poll: generous per client address (a conference app's server fetches for
 * all its users), yet a ceiling against a loop gone wrong.
 */
export const PUBLIC_EXPORT_LIMIT = { max: 600, timeWindow: 60_000 };

/** Sends a rendered export, or 304 when the client holds this version already. */
function send(request: FastifyRequest, reply: FastifyReply, rendered: RenderedSchedule, type: string) {
  if (rendered.etag) {
    reply.header('etag', rendered.etag).header('cache-control', 'public, max-age=300');
    if (holds(request, rendered.etag)) return reply.status(304).send();
  }
  return reply.type(type).send(rendered.body);
}

const scheduleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schedule = app.schedule;

  app.get(
    '/api/summits/:id/schedule.json',
    {
      schema: {
        tags: ['summits'],
        summary: "A published summit's agenda as frab/pretalx schedule.json, for conference apps",
        params: IdParams,
        response: { 200: FrabScheduleJson, 304: Type.Null(), 400: Problem, 404: Problem, 429: Problem },
      },
      config: { access: 'public', rateLimit: PUBLIC_EXPORT_LIMIT },
    },
    async (request, reply) =>
      send(request, reply, await schedule.frabJson(request.params.id), 'application/json; charset=utf-8'),
  );

  app.get(
    '/api/summits/:id/schedule.xml',
    {
      schema: {
        tags: ['summits'],
        summary: "A published summit's agenda as frab/pretalx schedule.xml, for conference apps",
        params: IdParams,
        response: { 200: FrabScheduleXml, 304: Type.Null(), 400: Problem, 404: Problem, 429: Problem },
      },
      config: { access: 'public', rateLimit: PUBLIC_EXPORT_LIMIT },
    },
    async (request, reply) =>
      send(request, reply, await schedule.frabXml(request.params.id), 'application/xml; charset=utf-8'),
  );
};

export default scheduleRoutes;
