import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { problemType, type Problem, type ProblemSlug } from '@apoc/shared';
import { DomainError, TooManyRequests } from '../errors';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function validationErrors(issues: readonly ValidationIssue[], context: string | undefined) {
  return issues.map((issue) => {
    const missing = typeof issue.params?.missingProperty === 'string' ? `/${issue.params.missingProperty}` : '';
    const extra = typeof issue.params?.additionalProperty === 'string' ? `/${issue.params.additionalProperty}` : '';
    return {
      path: `${context ?? 'body'}${issue.instancePath ?? ''}${missing}${extra}`,
      message: issue.message ?? 'is invalid',
    };
  });
}

/** Fastify's own client-error codes, with the answer each deserves. */
const CLIENT_ERRORS: Record<string, { status: number; slug: ProblemSlug; title: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, slug: 'malformed-json', title: 'The body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, slug: 'malformed-json', title: 'The body is empty but declared as JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, slug: 'body-too-large', title: 'The body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, slug: 'unsupported-media-type', title: 'Unsupported content type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, slug: 'bad-content-length', title: 'Content-Length is wrong' },
};

/**
 * Every error leaves as RFC 9457 problem+json. Client mistakes get a 4xx that says what to fix;
 * anything unexpected is logged and answered with a 500 that reveals nothing of the internals.
 */
export default fp(
  async function problems(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      if (error instanceof DomainError) {
        if (error instanceof TooManyRequests) reply.header('retry-after', String(error.retryAfterSeconds));
        return sendProblem(reply, {
          type: error.type,
          title: error.title,
          status: error.status,
          ...(error.detail ? { detail: error.detail } : {}),
          ...error.extensions,
        });
      }
      if (error.validation) {
        const errors = validationErrors(error.validation, error.validationContext);
        return sendProblem(reply, {
          type: problemType('invalid-request'),
          title: 'The request is not valid',
          status: 400,
          detail: errors.map((e) => `${e.path} ${e.message}`).join('; '),
          errors,
        });
      }
      const known = error.code ? CLIENT_ERRORS[error.code] : undefined;
      if (known) {
        return sendProblem(reply, {
          type: problemType(known.slug),
          title: known.title,
          status: known.status,
          detail: error.message,
        });
      }
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        return sendProblem(reply, {
          type: problemType('client-error'),
          title: error.message || 'The request cannot be served',
          status,
        });
      }
      request.log.error({ err: error }, 'unexpected error');
      return sendProblem(reply, {
        type: problemType('internal'),
        title: 'Something went wrong on our side',
        status: 500,
        detail: 'The error has been logged. Please try again.',
      });
    });
  },
  { name: 'problems' },
);
