import path from 'node:path';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';

/** A comma-separated list of proxy addresses, CIDR ranges or proxy-addr names (`loopback`, …). */
const proxyList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .refine((list) => {
    try {
      proxyaddr.compile(list);
      return true;
    } catch {
      return false;
    }
  }, 'Expected addresses or CIDR ranges separated by commas (e.g. 10.0.0.1, 192.168.0.0/16, loopback)');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().optional(),
  DATABASE_PATH: z.string().min(1).default('./data/chaikhana.db'),
  /** Connections each process keeps to PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  /** `postgres://…`: PostgreSQL, shared by any number of app processes; DATABASE_PATH is then ignored. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'Expected a postgres:// or postgresql:// URL')
    .optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.url().optional(),
  /** Unset: demo content on a fresh database, except behind https (see `demoContent`). */
  CHAIKHANA_DEMO: z.enum(['0', '1']).optional(),
  /** Reverse proxies whose `X-Forwarded-For` names the client (PRODUCT.md); none by default. */
  TRUSTED_PROXIES: proxyList,
  /** Benchmarks only: `/__metrics` on loopback. */
  CHAIKHANA_METRICS: z.enum(['0', '1']).optional(),
  /** NORMAL survives any process crash; FULL also survives power loss, at a cost in write rate. */
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  /** Registrations allowed per client address per 10 minutes. */
  RATE_LIMIT_REGISTRATIONS: z.coerce.number().int().min(1).default(10),
  /** Messages allowed per participant per 10 seconds. */
  RATE_LIMIT_MESSAGES: z.coerce.number().int().min(1).default(20),
  /** The shortest silence procedure a facilitator may start (PRODUCT.md: default one hour). */
  SILENCE_MIN_SECONDS: z.coerce.number().int().min(1).default(3600),
  /** How long a session lasts without activity, and after how long a request re-issues it. */
  SESSION_MAX_AGE_SECONDS: z.coerce.number().int().min(1).default(3600),
  SESSION_REFRESH_AFTER_SECONDS: z.coerce.number().int().min(0).default(600),
  /**
   * A socket that stops reading is dropped once this much is waiting for it (a reading client is
   * never more than a few KB behind; this bounds the server's memory at 1 MB per stalled socket).
   */
  SOCKET_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** `smtp://host:25` or `smtps://user:pass@host:465`: unset, no email is sent (PRODUCT.md). */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'Expected an smtp:// or smtps:// URL')
    .optional(),
  /** The sender of every email, e.g. `Chaikhana <chaikhana@example.org>`. */
  MAIL_FROM: z.string().min(3).default('Chaikhana <chaikhana@localhost>'),
  /** How often daily-digest emails go out (a day; shorter only for tests), at 05:00 UTC for a day. */
  DIGEST_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(86_400),
  /** How long a process may take to send one email before another process may take it over. */
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(1).default(300),
  /** The first retry of an email the mail server did not take; each next one waits twice as long (up to an hour). */
  OUTBOX_RETRY_SECONDS: z.coerce.number().int().min(1).default(10),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** `npm run facilitator` reads these instead of asking (scripts). */
  FACILITATOR_NAME: z.string().optional(),
  FACILITATOR_PASSWORD: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

let processEnv: Env | null = null;

/**
 * The environment, validated. process.env is read once, at first use (after the server or a
 * script has set what it needs): enumerating it costs tens of microseconds, on every request.
 */
export function readEnv(source?: NodeJS.ProcessEnv): Env {
  if (source) return parseEnv(source);
  return (processEnv ??= parseEnv(process.env));
}

/** Sets a variable for this process (and for next-auth, which reads process.env itself). */
export function setProcessEnv(name: 'NEXTAUTH_SECRET' | 'NEXTAUTH_URL', value: string): void {
  process.env[name] = value;
  processEnv = null;
}

function parseEnv(source: NodeJS.ProcessEnv): Env {
  // An empty variable counts as unset.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  // The operator reads these in English: zod's own messages, not the catalogue keys forms get.
  const parsed = envSchema.safeParse(present, { error: z.locales.en().localeError });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

/** Whether the public address is https: secure cookies, HSTS, and no demo content by default. */
export function isHttps(env: Env = readEnv()): boolean {
  return (env.NEXTAUTH_URL ?? '').startsWith('https://');
}

/**
 * Whether demo content (with its publicly known password) is seeded into an empty database: by
 * default on a local http start; behind https only when `CHAIKHANA_DEMO=1` says so explicitly.
 */
export function demoContent(env: Env = readEnv()): 'seed' | 'skip' | 'refuse' {
  if (env.CHAIKHANA_DEMO === '0') return 'skip';
  if (env.CHAIKHANA_DEMO === '1') return 'seed';
  return isHttps(env) ? 'refuse' : 'seed';
}

export function databasePath(env: Env = readEnv()): string {
  return path.resolve(env.DATABASE_PATH);
}

export function dataDirectory(env: Env = readEnv()): string {
  return path.dirname(databasePath(env));
}
