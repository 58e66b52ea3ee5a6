import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FairnessReport, IdParams, PlannerRequest, PlannerResponse, Problem } from '@apoc/shared';
import { signedInMember } from '../auth/auth.plugin';
import { RegistrationsRepository } from '../registrations/registrations.repository';
import { PlannerRepository } from './planner.repository';
import { PlannerService } from './planner.service';

const plannerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Registrants are grouped by the zones they follow the summit from (online registrations).
  const planner = new PlannerService(new PlannerRepository(app.db), app.summits, new RegistrationsRepository(app.db));

  app.post(
    '/api/planner/slots',
    {
      schema: {
        tags: ['planner'],
        summary: 'Ranked start times for a session across the network’s time zones, with repeat pairs and rotation',
        description:
          'Every quarter hour of the given dates is scored for the audience: each group’s local time is classed ' +
          'working (09:00–18:00 on a weekday, the whole session), acceptable (07:00–09:00, 18:00–22:00, or a weekend ' +
          'daytime) or night (any part between 22:00 and 07:00), with penalties 0, 1 and 10 per unit of weight. ' +
          '`score` is 0–100, higher is better; `penalty` is the raw sum, lower is better. Best first; ties go to the earlier start.',
        body: PlannerRequest,
        response: { 200: PlannerResponse, 400: Problem, 401: Problem, 403: Problem },
      },
      config: { access: 'organiser' },
    },
    async (request) => planner.suggest(request.body, signedInMember(request)),
  );

  app.get(
    '/api/summits/:id/fairness',
    {
      schema: {
        tags: ['planner'],
        summary: 'Night and out-of-hours sessions per institution, in this edition and the previous ones',
        params: IdParams,
        response: { 200: FairnessReport, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
      config: { access: 'organiser' },
    },
    async (request) => planner.fairness(request.params.id, signedInMember(request)),
  );
};

export default plannerRoutes;
