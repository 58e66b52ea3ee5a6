import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  Changelog,
  CreateSummit,
  DraftAgenda,
  IdParams,
  NextEdition,
  Problem,
  PublishBlockedProblem,
  PublishRequest,
  PublishResult,
  SummitDetail,
  SummitList,
  UpdateSummit,
} from '@apoc/shared';
import { signedInMember } from '../auth/auth.plugin';

const summitsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const summits = app.summits;

  app.get(
    '/api/summits',
    {
      schema: {
        tags: ['summits'],
        summary: 'Summits visible to the caller, earliest first (drafts only for organisers)',
        response: { 200: SummitList },
      },
      config: { access: 'public' },
    },
    async (request) => summits.list(request.member),
  );

  app.get(
    '/api/summits/:id',
    {
      schema: {
        tags: ['summits'],
        summary: 'One summit with its published agenda (a draft’s work in progress for organisers)',
        params: IdParams,
        response: { 200: SummitDetail, 400: Problem, 404: Problem },
      },
      config: { access: 'public' },
    },
    async (request) => summits.agenda(request.params.id, request.member),
  );

  app.get(
    '/api/summits/:id/changes',
    {
      schema: {
        tags: ['summits'],
        summary: 'The changelog: every published version of the agenda and what changed in it',
        params: IdParams,
        response: { 200: Changelog, 400: Problem, 404: Problem },
      },
      config: { access: 'public' },
    },
    async (request) => summits.changelog(request.params.id, request.member),
  );

  app.post(
    '/api/summits',
    {
      schema: {
        tags: ['summits'],
        summary: 'Create a draft summit',
        body: CreateSummit,
        response: { 201: SummitDetail, 400: Problem, 401: Problem, 403: Problem },
      },
      config: { access: 'organiser' },
    },
    async (request, reply) => reply.status(201).send(await summits.create(request.body)),
  );

  app.patch(
    '/api/summits/:id',
    {
      schema: {
        tags: ['summits'],
        summary: 'Change a summit’s details, or archive it',
        params: IdParams,
        body: UpdateSummit,
        response: { 200: SummitDetail, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
      config: { access: 'organiser' },
    },
    async (request) => summits.update(request.params.id, request.body),
  );

  app.get(
    '/api/summits/:id/draft',
    {
      schema: {
        tags: ['summits'],
        summary: 'The agenda being built: work in progress, conflicts and unpublished changes',
        params: IdParams,
        response: { 200: DraftAgenda, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
      config: { access: 'organiser' },
    },
    async (request) => summits.draft(request.params.id),
  );

  app.post(
    '/api/summits/:id/publish',
    {
      schema: {
        tags: ['summits'],
        summary: 'Publish the agenda as a new numbered version (refused while blocking conflicts remain)',
        params: IdParams,
        body: PublishRequest,
        response: {
          200: PublishResult,
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
          422: PublishBlockedProblem,
        },
      },
      config: { access: 'organiser' },
    },
    async (request) => summits.publish(request.params.id, request.body.comment ?? '', signedInMember(request).id),
  );

  app.post(
    '/api/summits/:id/next-edition',
    {
      schema: {
        tags: ['summits'],
        summary: 'Plan the next edition: copy tracks, rooms and sessions to new dates as a draft',
        params: IdParams,
        body: NextEdition,
        response: { 201: SummitDetail, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
      config: { access: 'organiser' },
    },
    async (request, reply) => reply.status(201).send(await summits.nextEdition(request.params.id, request.body)),
  );
};

export default summitsRoutes;
