import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().optional(),
  DATABASE_PATH: z.string().min(1).default('./data/chaikhana.db'),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.url().optional(),
  CHAIKHANA_DEMO: z.enum(['0', '1']).default('1'),
  /** NORMAL survives any process crash; FULL also survives power loss, at a cost in write rate. */
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  /** Registrations allowed per client address per 10 minutes. */
  RATE_LIMIT_REGISTRATIONS: z.coerce.number().int().min(1).default(10),
  /** Messages allowed per participant per 10 seconds. */
  RATE_LIMIT_MESSAGES: z.coerce.number().int().min(1).default(20),
  /** How long a session lasts without activity, and after how long a request re-issues it. */
  SESSION_MAX_AGE_SECONDS: z.coerce.number().int().min(1).default(3600),
  SESSION_REFRESH_AFTER_SECONDS: z.coerce.number().int().min(0).default(600),
  /**
   * A socket that stops reading is dropped once this much is waiting for it (a reading client is
   * never more than a few KB behind; this bounds the server's memory at 1 MB per stalled socket).
   */
  SOCKET_MAX_BUFFERED_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
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
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

export function databasePath(env: Env = readEnv()): string {
  return path.resolve(env.DATABASE_PATH);
}

export function dataDirectory(env: Env = readEnv()): string {
  return path.dirname(databasePath(env));
}
