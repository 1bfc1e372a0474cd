import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { needsRefresh, refreshedSessionCookie, sessionCookie } from './lib/auth/session-cookie';
import { readEnv } from './lib/env';
import { isSameOriginRequest } from './lib/http/same-origin';
import { contentSecurityPolicy } from './lib/http/security-headers';

const PARTICIPANT_PAGES = ['/rooms', '/initiatives', '/meetings', '/dashboard', '/profile', '/facilitation', '/search', '/notifications'];

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * Every page request: cross-site writes refused, a fresh CSP nonce (Next applies it to its inline
 * scripts), an optimistic redirect of signed-out visitors away from participant pages, and the
 * rolling session refresh. Not a security boundary: every page, action and route checks the
 * participant itself.
 */
export async function proxy(request: NextRequest) {
  // A cross-site form post to a page (a server action or not) never reaches Next, which would
  // answer a forged server action with a 500: it gets a 403 in the error shape, logged once.
  if (!SAFE_METHODS.includes(request.method) && !isSameOriginRequest(request.headers)) {
    console.warn(`Refused a cross-site ${request.method} to ${request.nextUrl.pathname} (Origin: ${request.headers.get('origin')})`);
    return NextResponse.json({ error: { code: 'forbidden', message: 'Cross-site request refused' } }, { status: 403 });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce, readEnv().NODE_ENV === 'development');
  const path = request.nextUrl.pathname;
  // A session cookie sent twice (one planted by a sibling subdomain) counts as none.
  const token = sessionCookie(request.headers.get('cookie')) ? await getToken({ req: request }).catch(() => null) : null;

  let response: NextResponse;
  if (!token && PARTICIPANT_PAGES.some((p) => path === p || path.startsWith(`${p}/`))) {
    const signIn = new URL('/signin', request.url);
    signIn.searchParams.set('callbackUrl', path + request.nextUrl.search);
    response = NextResponse.redirect(signIn);
  } else {
    const headers = new Headers(request.headers);
    headers.set('x-nonce', nonce);
    headers.set('content-security-policy', csp);
    response = NextResponse.next({ request: { headers } });
    if (token && needsRefresh(token)) {
      const cookie = await refreshedSessionCookie(token);
      if (cookie) response.headers.append('set-cookie', cookie);
    }
  }
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  // Pages only: the JSON API is served before Next, static files need no nonce.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|api/).*)'],
};
