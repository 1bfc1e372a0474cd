import { decode, type JWT } from 'next-auth/jwt';
import { loadViewer, loadViewerByApiToken, type Viewer } from '../access/viewer';
import { now } from '../clock';
import { readEnv } from '../env';
import { hashApiToken, recordApiTokenUse } from '../services/participants/api-tokens';
import { sessionCookie } from './session-cookie';

export interface Credentials {
  cookieHeader?: string | null;
  authorization?: string | null;
}

export interface Authenticated {
  viewer: Viewer;
  /** Cookie-authenticated requests are the ones a cross-site request could forge. */
  via: 'session' | 'token';
  /** The decoded session token (cookie sessions): when it expires, and what a refresh re-issues. */
  session?: { expiresAt: number; token: JWT };
}

/**
 * The one way any transport learns who is acting: the next-auth session cookie (pages, API,
 * socket handshake) or a personal API token (`Authorization: Bearer chk_…`). The participant is
 * reloaded from the database each time, so sign-out, a changed delegation or a disabled account
 * count at once.
 */
export async function authenticate({ cookieHeader, authorization }: Credentials): Promise<Authenticated | null> {
  if (authorization) {
    const match = /^Bearer\s+(chk_[A-Za-z0-9_-]{20,100})$/.exec(authorization.trim());
    if (!match) return null;
    const found = await loadViewerByApiToken(hashApiToken(match[1]), now());
    if (!found) return null;
    await recordApiTokenUse(found.tokenId, found.lastUsedAt);
    return { viewer: found.viewer, via: 'token' };
  }
  const token = sessionCookie(cookieHeader);
  if (!token) return null;
  const session = await decodeSession(token);
  if (!session) return null;
  const viewer = await loadViewer(session.id);
  if (!viewer || viewer.tokenVersion !== session.tokenVersion) return null;
  return { viewer, via: 'session', session: { expiresAt: session.expiresAt, token: session.token } };
}

// Decrypting a JWE costs a key derivation; the same cookie arrives with every request of a page.
const decoded = new Map<string, DecodedSession>();

interface DecodedSession {
  id: number;
  tokenVersion: number;
  expiresAt: number;
  token: JWT;
}
const DECODED_CACHE_LIMIT = 5000;

async function decodeSession(token: string): Promise<DecodedSession | null> {
  const cached = decoded.get(token);
  if (cached && cached.expiresAt > Date.now() / 1000) return cached;
  const secret = readEnv().NEXTAUTH_SECRET;
  if (!secret) return null;
  const payload = await decode({ token, secret }).catch(() => null);
  const id = Number(payload?.sub);
  const tokenVersion = Number(payload?.tv);
  const expiresAt = Number(payload?.exp);
  if (!payload || !Number.isSafeInteger(id) || !Number.isSafeInteger(tokenVersion) || !(expiresAt > Date.now() / 1000)) return null;
  if (decoded.size >= DECODED_CACHE_LIMIT) decoded.clear();
  const entry = { id, tokenVersion, expiresAt, token: payload };
  decoded.set(token, entry);
  return entry;
}
