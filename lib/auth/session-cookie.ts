import { encode, type JWT } from 'next-auth/jwt';
import { readEnv } from '../env';

/** Sessions last an hour (SESSION_MAX_AGE_SECONDS) and are re-issued (rolling) by a request after ten minutes. */
export const sessionMaxAge = () => readEnv().SESSION_MAX_AGE_SECONDS;
export const sessionRefreshAfter = () => readEnv().SESSION_REFRESH_AFTER_SECONDS;

const secureCookies = () => (process.env.NEXTAUTH_URL ?? '').startsWith('https://');

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
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret || !token.sub) return null;
  const maxAge = sessionMaxAge();
  const fresh = await encode({ secret, maxAge, token: { sub: token.sub, tv: token.tv, name: token.name, email: token.email } });
  const expires = new Date(Date.now() + maxAge * 1000).toUTCString();
  return `${sessionCookieName()}=${fresh}; Path=/; Expires=${expires}; HttpOnly; SameSite=Lax${secureCookies() ? '; Secure' : ''}`;
}
