import { Problem } from '@apoc/shared';
import { Type } from 'typebox';

// The answers a route declares beside its success, named once so that every route says the same thing.

/** Done, nothing to say. */
export const NoContent = { 204: Type.Null() };

/** What a request about one thing can meet: bad input, not signed in, not allowed, no such thing. */
export const Failures = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

/** The failures above, and a rule of the platform that refuses the request as it stands (409). */
export const Refusals = { ...Failures, 409: Problem };
