import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Problem } from '@apoc/shared';
import { Type } from 'typebox';
import type { Config } from '../../config';
import { FRAB_SCHEMA_URL } from './schedule.frab';
import { ScheduleService } from './schedule.service';

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

const scheduleRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const schedule = new ScheduleService(app.summits, config.publicUrl);

  app.get(
    '/api/summits/:id/schedule.json',
    {
      schema: {
        tags: ['summits'],
        summary: "A published summit's agenda as frab/pretalx schedule.json, for conference apps",
        params: IdParams,
        response: { 200: FrabScheduleJson, 400: Problem, 404: Problem },
      },
      config: { access: 'public' },
    },
    async (request) => schedule.frabJson(request.params.id),
  );

  app.get(
    '/api/summits/:id/schedule.xml',
    {
      schema: {
        tags: ['summits'],
        summary: "A published summit's agenda as frab/pretalx schedule.xml, for conference apps",
        params: IdParams,
        response: { 200: FrabScheduleXml, 400: Problem, 404: Problem },
      },
      config: { access: 'public' },
    },
    async (request, reply) =>
      reply.type('application/xml; charset=utf-8').send(await schedule.frabXml(request.params.id)),
  );
};

export default scheduleRoutes;
