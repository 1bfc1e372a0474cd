import { encode, type JWT } from 'next-auth/jwt';
import { isHttps, readEnv } from '../env';

/** Sessions last an hour (SESSION_MAX_AGE_SECONDS) and are re-issued (rolling) by a request after ten minutes. */
export const sessionMaxAge = () => readEnv().SESSION_MAX_AGE_SECONDS;
export const sessionRefreshAfter = () => readEnv().SESSION_REFRESH_AFTER_SECONDS;

const secureCookies = () => isHttps();

export function sessionCookieName(): string {
  return `${secureCookies() ? '__Secure-' : ''}next-auth.session-token`;
}

/** True when a session token was issued long enough ago to be re-issued. */
export function needsRefresh(token: JWT): boolean {
  const issuedAt = Number(token.iat);
  return Number.isFinite(issuedAt) && Date.now() / 1000 - issuedAt > sessionRefreshAfter();
}

/**
 * A fresh session cookie for the same participant and token version (the rolling refresh).
 * A revoked session stays revoked: its token version still does not match the database.
 */
export async function refreshedSessionCookie(token: JWT): Promise<string | null> {
  const secret = readEnv().NEXTAUTH_SECRET;
  if (!secret || !token.sub) return null;
  const maxAge = sessionMaxAge();
  const fresh = await encode({ secret, maxAge, token: { sub: token.sub, tv: token.tv, name: token.name, email: token.email } });
  const expires = new Date(Date.now() + maxAge * 1000).toUTCString();
  return `${sessionCookieName()}=${fresh}; Path=/; Expires=${expires}; HttpOnly; SameSite=Lax${secureCookies() ? '; Secure' : ''}`;
}

/**
 * The session token in a Cookie header, under the one name this deployment uses (`__Secure-…`
 * only behind https). A name that arrives twice is not guessed between — a sibling subdomain can
 * plant a second cookie that the browser sends first — so the request counts as signed out.
 */
export function sessionCookie(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  const cookies = parseCookies(cookieHeader);
  const name = sessionCookieName();
  const single = (key: string) => {
    const values = cookies.get(key);
    return values && values.length === 1 ? values[0] : null;
  };
  if (cookies.has(name)) return single(name);
  // next-auth splits a large token into name.0, name.1, …
  let joined = '';
  for (let i = 0; cookies.has(`${name}.${i}`); i++) {
    const chunk = single(`${name}.${i}`);
    if (chunk === null) return null;
    joined += chunk;
  }
  return joined || null;
}

/** Every value of every cookie, in the order the browser sent them. */
export function parseCookies(header: string): Map<string, string[]> {
  const cookies = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name) continue;
    let value = part.slice(eq + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // keep it as sent
    }
    cookies.set(name, [...(cookies.get(name) ?? []), value]);
  }
  return cookies;
}
