import { appError, invalid, notFound, type AppError } from '../errors';
import { parseCookies } from './session-cookie';

/** next-auth's own paths: an action, and for `signin` and `callback` our one provider; nothing deeper. */
const PROVIDER_ACTIONS = new Set(['signin', 'callback']);
const PROVIDER = 'credentials';
const MAX_AUTH_BODY_BYTES = 16 * 1024;

/**
 * Requests to next-auth that are refused before it sees them. next-auth reads only the first two
 * path segments and the last of repeated form fields, so `/callback/credentials/x` or a body with
 * two `email` fields would otherwise reach the credentials check under a name other than the one
 * it signs in; the only callback is the credentials one.
 */
export async function refusedAuthRequest(request: Request): Promise<AppError | null> {
  const segments = new URL(request.url).pathname.replace(/\/$/, '').split('/').slice(3);
  const [action, provider, ...rest] = segments;
  const known =
    rest.length === 0 && (provider === undefined ? action !== 'callback' : PROVIDER_ACTIONS.has(action) && provider === PROVIDER);
  if (!known) return notFound('noSuchSignInEndpoint');
  // next-auth answers a callback URL it cannot parse with a 500: refused first, as invalid input.
  const callback = new URL(request.url).searchParams.get('callbackUrl');
  if (callback !== null && !isOwnUrl(callback, request.url)) return BAD_CALLBACK;
  for (const [name, values] of parseCookies(request.headers.get('cookie') ?? '')) {
    if (name.endsWith('next-auth.callback-url') && values.some((value) => !isOwnUrl(value, request.url))) return BAD_CALLBACK;
  }
  if (request.method !== 'POST') return null;
  if (Number(request.headers.get('content-length') ?? 0) > MAX_AUTH_BODY_BYTES) {
    return appError('too_large', 'bodyTooLarge', { kb: MAX_AUTH_BODY_BYTES / 1024 });
  }
  if (!(request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded')) return null;
  const text = await request.clone().text();
  if (text.length > MAX_AUTH_BODY_BYTES) return appError('too_large', 'bodyTooLarge', { kb: MAX_AUTH_BODY_BYTES / 1024 });
  const fields = new URLSearchParams(text);
  const keys = [...fields.keys()];
  if (new Set(keys).size !== keys.length) {
    return invalid('repeatedField');
  }
  const bodyCallback = fields.get('callbackUrl');
  if (bodyCallback !== null && !isOwnUrl(bodyCallback, request.url)) return BAD_CALLBACK;
  return null;
}

const BAD_CALLBACK = invalid('badCallbackUrl');

/** What next-auth accepts as a callback URL: a path, or an http(s) URL (it sends foreign ones home itself). */
function isOwnUrl(value: string, base: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith('/') ? base : undefined).protocol);
  } catch {
    return false;
  }
}
