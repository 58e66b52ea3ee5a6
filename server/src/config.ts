// The only reader of process.env: validates the environment of DESIGN.md into a typed object, so that
// a bad value stops start-up with one line naming the variable instead of failing later, somewhere else.

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  publicUrl: URL;
  smtpUrl: string | null;
  mailFrom: string;
  seed: 'demo' | 'none';
  production: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Folder of the built web app; null serves no web app (API only). */
  webRoot: string | null;
  /** Delivery timing of the mail outbox; fixed in production, shortened by tests. */
  outbox: { retryBaseMs: number; retryMaxMs: number; pollMs: number; leaseMs: number };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function readPort(env: Env): number {
  const raw = env.PORT?.trim();
  if (raw === undefined || raw === '') return 3000;
  if (!/^\d+$/.test(raw) || Number(raw) > 65_535) {
    throw new ConfigError('PORT', `must be a whole number from 0 to 65535, got "${raw}"`);
  }
  return Number(raw);
}

function readUrl(variable: string, raw: string, protocols: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(variable, `must be an absolute URL, got "${raw}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(variable, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return url;
}

export function loadConfig(env: Env = process.env, defaults: { webRoot?: string | null } = {}): Config {
  const port = readPort(env);
  const host = env.HOST?.trim() || '127.0.0.1';

  const databasePath = env.DATABASE_PATH?.trim() || 'data/apoc.sqlite';

  const publicUrl = readUrl('PUBLIC_URL', env.PUBLIC_URL?.trim() || `http://localhost:${port}`, ['http:', 'https:']);
  if (publicUrl.search || publicUrl.hash) throw new ConfigError('PUBLIC_URL', 'must not carry a query or fragment');

  const smtpRaw = env.SMTP_URL?.trim();
  const smtpUrl = smtpRaw ? readUrl('SMTP_URL', smtpRaw, ['smtp:', 'smtps:']).toString() : null;

  const mailFrom = env.MAIL_FROM?.trim() || 'APoC Summits <no-reply@localhost>';
  if (!/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(mailFrom)) {
    throw new ConfigError('MAIL_FROM', `must be an address such as "APoC Summits <no-reply@example.org>"`);
  }

  const seed = env.APOC_SEED?.trim() || 'demo';
  if (seed !== 'demo' && seed !== 'none') throw new ConfigError('APOC_SEED', `must be "demo" or "none", got "${seed}"`);

  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }

  return {
    port,
    host,
    databasePath,
    publicUrl,
    smtpUrl,
    mailFrom,
    seed,
    production: env.NODE_ENV === 'production',
    logLevel: logLevel as Config['logLevel'],
    webRoot: defaults.webRoot === undefined ? null : defaults.webRoot,
    outbox: { retryBaseMs: 30_000, retryMaxMs: 3_600_000, pollMs: 15_000, leaseMs: 5 * 60_000 },
  };
}
