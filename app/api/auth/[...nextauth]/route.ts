import NextAuth from 'next-auth';
import { NextResponse, type NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/options';
import { withSignInAttempt } from '@/lib/auth/sign-in-gate';
import { refusedAuthRequest } from '@/lib/auth/auth-request';
import { appError } from '@/lib/errors';
import { requestLocale } from '@/lib/http/request-locale';

const handler = NextAuth(authOptions);
type RouteContext = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth, behind two refusals (callback paths next-auth would accept loosely, bodies with a
 * repeated field) and with its credentials check's rate-limit refusal answered as 429.
 * The limits themselves live in the credentials check (lib/auth/sign-in-gate.ts).
 */
async function serve(request: NextRequest, context: RouteContext): Promise<Response> {
  const refusal = await refusedAuthRequest(request);
  if (refusal) return NextResponse.json(refusal.toBody(await requestLocale(request.headers)), { status: refusal.status });
  const { response, limited } = await withSignInAttempt(() => handler(request, context));
  if (!limited) return response;
  return NextResponse.json(
    {
      // next-auth's client reads `url` for the error it reports.
      url: new URL('/signin?error=RateLimited', request.url).toString(),
      ...appError('rate_limited', 'tooManySignIns', { seconds: limited }).toBody(await requestLocale(request.headers)),
    },
    { status: 429, headers: { 'retry-after': String(limited) } },
  );
}

export { serve as GET, serve as POST };
