import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { database } from '../../db/client';
import { dataDirectory, readEnv, setProcessEnv } from '../env';

const SETTING = 'nextauth_secret';

/**
 * NEXTAUTH_SECRET from the environment, or generated once — into the data folder (SQLite), or
 * into the database itself (PostgreSQL), so that every process shares it — so a fresh machine
 * needs no configuration. Sets process.env for next-auth (same process).
 */
export async function ensureAuthSecret(): Promise<string> {
  const env = readEnv();
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const secret =
    database().dialect === 'postgres' ? await secretInDatabase() : secretInFile(path.join(dataDirectory(env), 'nextauth-secret'));
  setProcessEnv('NEXTAUTH_SECRET', secret);
  return secret;
}

const generate = () => crypto.randomBytes(32).toString('base64url');

function secretInFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = generate();
    fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  }
}

/** The first process to start stores one; every other one reads it. */
async function secretInDatabase(): Promise<string> {
  return database().transaction(async (tx) => {
    await tx.run(sql`INSERT INTO settings (key, value) VALUES (${SETTING}, ${generate()}) ON CONFLICT (key) DO NOTHING`);
    return (await tx.get<{ value: string }>(sql`SELECT value FROM settings WHERE key = ${SETTING}`))!.value;
  });
}
