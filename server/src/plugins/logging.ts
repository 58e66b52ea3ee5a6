import type { FastifyRequest } from 'fastify';

// Logs are read by people who must not learn secrets from them: no cookies, no tokens, no e-mail addresses.
export const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.email',
  '*.token',
];

const SECRET_QUERY = /([?&](?:token|email|code|state|login_hint)=)[^&]*/gi;
const SECRET_PATH = /(\/api\/calendar\/)[^/?]+/g;

/**
 * The URL with secrets masked: sign-in tokens, and a provider's code and state, in queries; personal feed tokens in
 * paths.
 */
export function maskUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]').replace(SECRET_PATH, '$1[redacted]');
}

export const logSerializers = {
  req(request: FastifyRequest) {
    return { method: request.method, url: maskUrl(request.url), remoteAddress: request.ip };
  },
};
