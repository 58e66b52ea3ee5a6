import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CertificateCodeParams,
  CertificateDayQuery,
  CertificateVerification,
  CreditsReport,
  EvaluationAnswer,
  EvaluationForm,
  EvaluationResults,
  IdParams,
  MyCredits,
  Problem,
  ReissueParams,
  RevokeCertificate,
} from '@apoc/shared';
import { Type } from 'typebox';
import { Failures, Refusals } from '../../schemas';
import { sendCsv } from '../../spreadsheet';
import { signedInMember } from '../auth/auth.plugin';
import type { Viewer } from '../summits/summits.service';
import { creditsCsv, evaluationCsv } from './certificates.csv';

/** Credits, the evaluation and certificates of attendance: members', organisers', and the public verification. */
const certificatesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { certificates, evaluations } = app;

  app.get(
    '/api/summits/:id/credits/me',
    {
      schema: {
        tags: ['certificates'],
        summary: 'The caller’s credits: each accredited session attended, the total, the evaluation, certificates',
        params: IdParams,
        response: { 200: MyCredits, ...Failures },
      },
      config: { access: 'member' },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return certificates.myCredits(signedInMember(request), request.params.id);
    },
  );

  app.get(
    '/api/summits/:id/certificate',
    {
      schema: {
        tags: ['certificates'],
        summary:
          'The caller’s certificate of attendance (PDF), issued on the first download once available and earned; ' +
          '`day` names a day’s certificate where the summit issues them daily',
        params: IdParams,
        querystring: CertificateDayQuery,
        produces: ['application/pdf'],
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...Refusals },
      },
      config: { access: 'member' },
    },
    async (request, reply) => {
      const file = await certificates.certificate(signedInMember(request), request.params.id, request.query.day);
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.pdf);
    },
  );

  app.get(
    '/api/summits/:id/evaluation',
    {
      schema: {
        tags: ['certificates'],
        summary: 'The evaluation form of an accredited summit, and the caller’s answer once submitted',
        params: IdParams,
        response: { 200: EvaluationForm, ...Refusals },
      },
      config: { access: 'member' },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return evaluations.get(signedInMember(request), request.params.id);
    },
  );

  app.put(
    '/api/summits/:id/evaluation',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Submit the evaluation, once, from the start of the summit’s first session',
        params: IdParams,
        body: EvaluationAnswer,
        response: { 200: EvaluationForm, ...Refusals },
      },
      config: { access: 'member' },
    },
    async (request) => evaluations.submit(signedInMember(request), request.params.id, request.body),
  );

  app.get(
    '/api/summits/:id/evaluation/results',
    {
      schema: {
        tags: ['certificates'],
        summary: 'The evaluation’s answers aggregated per question and per session, and the comments, without names',
        params: IdParams,
        response: { 200: EvaluationResults, ...Refusals },
      },
      config: { access: 'organiser' },
    },
    async (request) => evaluations.results(signedInMember(request), request.params.id),
  );

  app.get(
    '/api/summits/:id/credits',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Who earned how many credits, per session, with their evaluation and certificate',
        params: IdParams,
        response: { 200: CreditsReport, ...Refusals },
      },
      config: { access: 'organiser' },
    },
    async (request) => certificates.report(signedInMember(request), request.params.id),
  );

  const spreadsheets: [string, string, (organiser: Viewer, summitId: string) => Promise<string>][] = [
    [
      'credits',
      'The credits report as CSV safe to open in a spreadsheet',
      async (organiser, summitId) => creditsCsv(await certificates.report(organiser, summitId)),
    ],
    [
      'evaluation',
      'The evaluation’s aggregated answers and comments as CSV',
      async (organiser, summitId) => evaluationCsv(await evaluations.results(organiser, summitId)),
    ],
  ];
  for (const [file, summary, render] of spreadsheets) {
    app.get(
      `/api/summits/:id/${file}.csv`,
      {
        schema: {
          tags: ['certificates'],
          summary,
          params: IdParams,
          produces: ['text/csv'],
          response: { 200: Type.String(), ...Refusals },
        },
        config: { access: 'organiser' },
      },
      async (request, reply) =>
        sendCsv(reply, `${file}-${request.params.id}.csv`, await render(signedInMember(request), request.params.id)),
    );
  }

  app.post(
    '/api/summits/:id/certificates/:memberId/reissue',
    {
      schema: {
        tags: ['certificates'],
        summary:
          'Issue a member’s certificate again from what they earned now; the one it replaces shows `replaced` ' +
          '(`day`: which day’s, where the summit issues them daily)',
        params: ReissueParams,
        querystring: CertificateDayQuery,
        response: { 200: CertificateVerification, ...Refusals },
      },
      config: { access: 'organiser' },
    },
    async (request) =>
      certificates.reissue(signedInMember(request), request.params.id, request.params.memberId, request.query.day),
  );

  app.post(
    '/api/certificates/:code/revoke',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Revoke a certificate issued in error: its verification then says it is not valid',
        params: CertificateCodeParams,
        body: RevokeCertificate,
        response: { 200: CertificateVerification, ...Refusals },
      },
      config: { access: 'organiser' },
    },
    async (request) => certificates.revoke(request.params.code, request.body.reason),
  );

  app.get(
    '/api/certificates/:code',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Verify a certificate by its code (public): valid or not, whose, of which summit, how many hours',
        params: CertificateCodeParams,
        response: { 200: CertificateVerification, 400: Problem, 404: Problem, 429: Problem },
      },
      // Limited like the other public reads, so that codes cannot be tried in bulk (an attacker could probe codes).
      config: { access: 'public', rateLimit: { max: 300, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return certificates.verify(request.params.code);
    },
  );
};

export default certificatesRoutes;
