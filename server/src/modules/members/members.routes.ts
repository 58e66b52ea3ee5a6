import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateMember,
  DeactivateInactive,
  DeactivationReport,
  IdParams,
  ImportMembers,
  ImportReport,
  Member,
  MemberDirectory,
  MemberQuery,
  Problem,
  UpdateMember,
  UpdateProfile,
} from '@apoc/shared';
import { requireRecentSignIn, signedInMember } from '../auth/auth.plugin';
import { toMember } from './members.service';

const membersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const members = app.members;

  app.get(
    '/api/me',
    {
      schema: { tags: ['members'], summary: 'Who am I', response: { 200: Member, 401: Problem } },
      config: { access: 'member' },
    },
    async (request) => toMember(signedInMember(request)),
  );

  app.patch(
    '/api/me',
    {
      schema: {
        tags: ['members'],
        summary: 'Change my name or time zone',
        body: UpdateProfile,
        response: { 200: Member, 400: Problem, 401: Problem, 403: Problem },
      },
      config: { access: 'member' },
    },
    async (request) => members.updateProfile(signedInMember(request), request.body),
  );

  app.get(
    '/api/members',
    {
      schema: {
        tags: ['members'],
        summary: 'The member directory (e-mail addresses, and search by them, for organisers and admins only)',
        querystring: MemberQuery,
        response: { 200: MemberDirectory, 400: Problem, 401: Problem, 403: Problem, 429: Problem },
      },
      // Searching is cheap to script: limited per member, well above what a person typing does.
      config: {
        access: 'member',
        rateLimit: { max: 60, timeWindow: 60_000, keyGenerator: (request) => request.member?.id ?? request.ip },
      },
    },
    async (request) => members.directory(signedInMember(request), request.query),
  );

  app.post(
    '/api/members',
    {
      schema: {
        tags: ['members'],
        summary: 'Create a member',
        body: CreateMember,
        response: { 201: Member, 400: Problem, 401: Problem, 403: Problem, 409: Problem },
      },
      config: { access: 'admin' },
    },
    async (request, reply) =>
      reply.status(201).send(await members.create(request.body, signedInMember(request), request.ip)),
  );

  app.patch(
    '/api/members/:id',
    {
      schema: {
        tags: ['members'],
        summary: "Change a member's name, e-mail address, role, institution, zone, or deactivate them",
        params: IdParams,
        body: UpdateMember,
        response: { 200: Member, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
      config: { access: 'admin' },
    },
    async (request) => {
      // Changing who may do what (a role, an account's activity) needs a sign-in from the last hour.
      if (request.body.role !== undefined || request.body.active !== undefined)
        requireRecentSignIn(request, app.clock());
      return members.update(signedInMember(request), request.params.id, request.body, request.ip);
    },
  );

  app.post(
    '/api/members/import',
    {
      schema: {
        tags: ['members'],
        summary: 'Create or update members from CSV, with a per-row report',
        body: ImportMembers,
        response: { 200: ImportReport, 400: Problem, 401: Problem, 403: Problem },
      },
      config: { access: 'admin' },
    },
    async (request) => {
      const dryRun = request.body.dryRun ?? false;
      if (!dryRun) requireRecentSignIn(request, app.clock());
      return members.import(request.body.csv, dryRun, signedInMember(request), request.ip);
    },
  );

  app.post(
    '/api/members/deactivate-inactive',
    {
      schema: {
        tags: ['members'],
        summary: 'Deactivate the members not seen (signed in) for a number of days, or list them first (dryRun)',
        body: DeactivateInactive,
        response: { 200: DeactivationReport, 400: Problem, 401: Problem, 403: Problem },
      },
      config: { access: 'admin' },
    },
    async (request) => {
      // Like any change of who may sign in, it needs a sign-in from the last hour; looking first does not.
      if (!request.body.dryRun) requireRecentSignIn(request, app.clock());
      return members.deactivateInactive(signedInMember(request), request.body, request.ip);
    },
  );
};

export default membersRoutes;
