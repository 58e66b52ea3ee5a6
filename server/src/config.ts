// The only reader of process.env: validates the platform's environment variables (the table in the README's
// "Configuration" section: PORT, PUBLIC_URL, DATABASE_PATH, SMTP_URL, …) into a typed object, so that a bad
// value stops start-up with one line naming the variable instead of failing later, somewhere else.

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  /** postgres://… (DATABASE_URL) selects PostgreSQL, shared by several instances; null keeps the SQLite file. */
  databaseUrl: string | null;
  /**
   * SECRET_KEY: the key from which the keys that seal stored secrets (identity providers' client secrets) and the
   * short-lived sign-in cookies of providers are derived. Null when unset: no provider can be connected or used.
   */
  secretKey: string | null;
  /** Bearer token that opens GET /metrics from anywhere (METRICS_TOKEN); without it only the machine itself reads. */
  metricsToken: string | null;
  publicUrl: URL;
  smtpUrl: string | null;
  mailFrom: string;
  seed: 'demo' | 'none';
  production: boolean;
  /**
   * The reverse proxies whose X-Forwarded-* headers are believed (TRUST_PROXY): false for none, a number
   * of hops, or addresses/CIDR ranges. Decides request.ip, which rate limits and the audit trail use.
   */
  trustProxy: false | number | string[];
  /** Days that sent mail bodies and ended sign-ins are kept before they are purged (RETENTION_DAYS). */
  retentionDays: number;
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

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** smtps:// is TLS from the first byte; smtp:// with requireTLS=true refuses to go on without STARTTLS. */
export function smtpUsesTls(smtpUrl: string): boolean {
  const url = new URL(smtpUrl);
  return url.protocol === 'smtps:' || url.searchParams.get('requireTLS') === 'true';
}

const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?$/;
const IPV6 = /^[0-9a-f:]+(?:\/\d{1,3})?$/i;

function readTrustProxy(env: Env): Config['trustProxy'] {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw || raw === 'false' || raw === '0') return false;
  if (/^\d+$/.test(raw)) {
    if (Number(raw) > 10) throw new ConfigError('TRUST_PROXY', `at most 10 hops, got ${raw}`);
    return Number(raw);
  }
  const addresses = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const named = new Set(['loopback', 'linklocal', 'uniquelocal']);
  const bad = addresses.filter(
    (address) => !IPV4.test(address) && !(address.includes(':') && IPV6.test(address)) && !named.has(address),
  );
  if (bad.length > 0) {
    throw new ConfigError(
      'TRUST_PROXY',
      `must be a number of hops (e.g. 1) or addresses/CIDR ranges separated by commas (e.g. 127.0.0.1,10.0.0.0/8), got "${bad.join(', ')}"`,
    );
  }
  return addresses;
}

function readRetentionDays(env: Env): number {
  const raw = env.RETENTION_DAYS?.trim();
  if (!raw) return 30;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 3650) {
    throw new ConfigError('RETENTION_DAYS', `must be a whole number of days from 1 to 3650, got "${raw}"`);
  }
  return Number(raw);
}

export function loadConfig(env: Env = process.env, defaults: { webRoot?: string | null } = {}): Config {
  const port = readPort(env);
  const host = env.HOST?.trim() || '127.0.0.1';

  const databasePath = env.DATABASE_PATH?.trim() || 'data/apoc.sqlite';
  const databaseUrlRaw = env.DATABASE_URL?.trim();
  // Never echoed: it carries the database password.
  if (databaseUrlRaw && !/^postgres(ql)?:\/\/[^\s]+$/.test(databaseUrlRaw)) {
    throw new ConfigError('DATABASE_URL', 'must be a postgres://user:password@host:port/database URL');
  }
  const databaseUrl = databaseUrlRaw || null;
  const metricsToken = env.METRICS_TOKEN?.trim() || null;
  if (metricsToken && metricsToken.length < 16) {
    throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters (a random secret)');
  }

  // Never echoed: it is the key itself.
  const secretKey = env.SECRET_KEY?.trim() || null;
  if (secretKey && secretKey.length < 32) {
    throw new ConfigError(
      'SECRET_KEY',
      'must be at least 32 characters of randomness (for example the output of `openssl rand -base64 32`)',
    );
  }

  const publicUrl = readUrl('PUBLIC_URL', env.PUBLIC_URL?.trim() || `http://localhost:${port}`, ['http:', 'https:']);
  if (publicUrl.search || publicUrl.hash) throw new ConfigError('PUBLIC_URL', 'must not carry a query or fragment');

  const smtpRaw = env.SMTP_URL?.trim();
  const smtpUrl = smtpRaw ? readUrl('SMTP_URL', smtpRaw, ['smtp:', 'smtps:']).toString() : null;

  const mailFrom = env.MAIL_FROM?.trim() || 'APoC Summits <no-reply@localhost>';
  if (!/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(mailFrom)) {
    throw new ConfigError('MAIL_FROM', `must be an address such as "APoC Summits <no-reply@example.org>"`);
  }

  const production = env.NODE_ENV === 'production';
  // A real deployment never gets demo people (with known addresses) unless someone asks for them by name.
  const seed = env.APOC_SEED?.trim() || (production ? 'none' : 'demo');
  if (seed !== 'demo' && seed !== 'none') throw new ConfigError('APOC_SEED', `must be "demo" or "none", got "${seed}"`);

  if (production) {
    if (publicUrl.protocol === 'http:' && !LOOPBACK_HOSTS.has(publicUrl.hostname)) {
      throw new ConfigError(
        'PUBLIC_URL',
        `must be https:// in production (sign-in cookies and links would cross the network in clear), got "${publicUrl.origin}"`,
      );
    }
    if (smtpUrl && !smtpUsesTls(smtpUrl)) {
      throw new ConfigError(
        'SMTP_URL',
        'must use TLS in production: smtps://… or smtp://…?requireTLS=true, so that sign-in links never cross the network in clear',
      );
    }
  }

  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }

  return {
    port,
    host,
    databasePath,
    databaseUrl,
    metricsToken,
    secretKey,
    publicUrl,
    smtpUrl,
    mailFrom,
    seed,
    production,
    trustProxy: readTrustProxy(env),
    retentionDays: readRetentionDays(env),
    logLevel: logLevel as Config['logLevel'],
    webRoot: defaults.webRoot === undefined ? null : defaults.webRoot,
    outbox: { retryBaseMs: 30_000, retryMaxMs: 3_600_000, pollMs: 15_000, leaseMs: 5 * 60_000 },
  };
}
