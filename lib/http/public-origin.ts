import { readEnv } from '../env';

/**
 * The address people reach the app at, for links that leave it (calendar feeds, files): NEXTAUTH_URL
 * when set (the server sets it at start when absent), else the request's own host.
 */
export function publicOrigin(headers?: Headers): string {
  const configured = readEnv().NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const host = headers?.get('host');
  return host ? `http://${host}` : 'http://localhost:3000';
}
