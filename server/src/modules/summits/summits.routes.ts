import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
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
import { Type } from 'typebox';
import { sendAnswer } from '../../answers';
import { signedInMember } from '../auth/auth.plugin';

type CallbackBodyParser = (
  request: FastifyRequest,
  body: string,
  done: (error: Error | null, body?: unknown) => void,
) => void;

const summitsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const summits = app.summits;

  app.get(
    '/api/summits',
    {
      schema: {
        tags: ['summits'],
        summary: 'Summits visible to the caller, earliest first (drafts only for organisers)',
        response: { 200: SummitList, 304: Type.Null() },
      },
      config: { access: 'public' },
    },
    async (request, reply) =>
      sendAnswer(request, reply, await summits.listAnswer(request.member, (list) => String(reply.serialize(list)))),
  );

  app.get(
    '/api/summits/:id',
    {
      schema: {
        tags: ['summits'],
        summary: 'One summit with its published agenda (a draft’s work in progress for organisers)',
        params: IdParams,
        response: { 200: SummitDetail, 304: Type.Null(), 400: Problem, 403: Problem, 404: Problem },
      },
      config: { access: 'public' },
    },
    async (request, reply) =>
      sendAnswer(
        request,
        reply,
        await summits.agendaAnswer(request.params.id, request.member, (detail) => String(reply.serialize(detail))),
      ),
  );

  app.get(
    '/api/summits/:id/changes',
    {
      schema: {
        tags: ['summits'],
        summary: 'The changelog: every published version of the agenda and what changed in it',
        params: IdParams,
        response: { 200: Changelog, 400: Problem, 403: Problem, 404: Problem },
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

  // The comment is optional, and so is the body that would carry it: a bare `POST …/publish`, with no
  // content type or with `Content-Type: application/json` and nothing after it, publishes. Fastify refuses an
  // empty JSON body everywhere else, so this route alone gets a parser that reads nothing as no body.
  await app.register(async (scope) => {
    const publishing = scope.withTypeProvider<TypeBoxTypeProvider>();
    // Fastify's own parser (safe against prototype poisoning) answers through its callback.
    const json = publishing.getDefaultJsonParser('error', 'error') as CallbackBodyParser;
    publishing.addContentTypeParser<string>('application/json', { parseAs: 'string' }, (request, body, done) => {
      if (body === '') done(null, undefined);
      else json(request, body, done);
    });

    publishing.post(
      '/api/summits/:id/publish',
      {
        schema: {
          tags: ['summits'],
          summary:
            'Publish the agenda as a new numbered version (refused while blocking conflicts remain); the body is optional',
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
        preValidation: async (request) => {
          request.body ??= {};
        },
      },
      async (request) => summits.publish(request.params.id, request.body.comment ?? '', signedInMember(request).id),
    );
  });

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
