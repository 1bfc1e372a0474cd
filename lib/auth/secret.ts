import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDirectory, readEnv, setProcessEnv } from '../env';

/**
 * NEXTAUTH_SECRET from the environment, or generated once into the data folder, so a fresh
 * machine needs no configuration. Sets process.env for next-auth (same process).
 */
export function ensureAuthSecret(): string {
  const env = readEnv();
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const file = path.join(dataDirectory(env), 'nextauth-secret');
  let secret: string;
  try {
    secret = fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    secret = crypto.randomBytes(32).toString('base64url');
    fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  }
  setProcessEnv('NEXTAUTH_SECRET', secret);
  return secret;
}
