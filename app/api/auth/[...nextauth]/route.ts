import NextAuth from 'next-auth';
import { NextResponse, type NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/options';
import { recordSignIn, signInWait } from '@/lib/auth/sign-in-limits';
import { clientAddress } from '@/lib/http/client-address';

const handler = NextAuth(authOptions);
type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** next-auth, with failed credential sign-ins limited per account and per address (429, growing delays). */
async function POST(request: NextRequest, context: RouteContext) {
  if (!request.nextUrl.pathname.endsWith('/callback/credentials')) return handler(request, context);
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  const email = String(form?.get('email') ?? '')
    .trim()
    .toLowerCase()
    .slice(0, 254);
  const address = clientAddress(request.headers);
  const wait = signInWait(email, address);
  if (wait > 0) {
    return NextResponse.json(
      {
        // next-auth's client reads `url` for the error it reports.
        url: new URL('/signin?error=RateLimited', request.url).toString(),
        error: { code: 'rate_limited', message: `Too many failed sign-ins; try again in ${wait} s` },
      },
      { status: 429, headers: { 'retry-after': String(wait) } },
    );
  }
  const response: Response = await handler(request, context);
  const signedIn = response.headers.getSetCookie().some((cookie) => /session-token=[^;]+/.test(cookie));
  recordSignIn(email, address, signedIn);
  return response;
}

export { handler as GET, POST };
