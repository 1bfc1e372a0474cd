import { withAuth } from 'next-auth/middleware';

/**
 * Signed-out visitors of the participants' pages go to sign in (optimistically, by the cookie
 * alone). Every page, action and route still checks the participant itself.
 */
export default withAuth({ pages: { signIn: '/signin' } });

export const config = {
  matcher: ['/rooms/:path*', '/initiatives/:path*', '/dashboard/:path*', '/profile/:path*', '/facilitation/:path*'],
};
