import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { needsRefresh, refreshedSessionCookie } from './lib/auth/session-cookie';
import { isSameOriginRequest } from './lib/http/same-origin';
import { contentSecurityPolicy } from './lib/http/security-headers';

const PARTICIPANT_PAGES = ['/rooms', '/initiatives', '/dashboard', '/profile', '/facilitation'];

/**
 * Every page request: cross-site server actions refused, a fresh CSP nonce (Next applies it to its inline scripts), an optimistic
 * redirect of signed-out visitors away from participant pages, and the rolling session refresh.
 * Not a security boundary: every page, action and route checks the participant itself.
 */
export async function proxy(request: NextRequest) {
  // Next refuses a cross-site server action too, but with a 500; a forged request gets a 403.
  if (request.method === 'POST' && request.headers.has('next-action') && !isSameOriginRequest(request.headers)) {
    return NextResponse.json({ error: { code: 'forbidden', message: 'Cross-site request refused' } }, { status: 403 });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  const path = request.nextUrl.pathname;
  const token = await getToken({ req: request }).catch(() => null);

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
