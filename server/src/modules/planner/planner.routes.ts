import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FairnessReport, IdParams, PlannerRequest, PlannerResponse, Problem } from '@apoc/shared';
import { signedInMember } from '../auth/auth.plugin';

const plannerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Registrants are grouped by the zones they follow the summit from (online registrations).
  const planner = app.planner;

  app.post(
    '/api/planner/slots',
    {
      schema: {
        tags: ['planner'],
        summary: 'Ranked start times for a session across the network’s time zones, with repeat pairs and rotation',
        description:
          'Every quarter hour of the given dates is scored for the audience. Each group’s local time is graded by its ' +
          'worst minute: working (09:00–18:00 on a weekday), fringe (07:00–09:00, 18:00–22:00 or a weekend day), ' +
          'unsocial (22:00–24:00 or 06:00–07:00) or deep-night (00:00–06:00), with penalties 0, 1, 3 and 10 per unit ' +
          'of weight; `comfort` is the coarser class (working, acceptable, night from 22:00 to 07:00). Slots are ' +
          'ranked first by the weight they put in the deep night, then by `penalty`, then by start: nobody is woken ' +
          'between midnight and 06:00 to spare others a late evening. `score` is 0–100, higher is better, 50 or more ' +
          'when nobody is in the deep night.',
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
