import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { loadViewer, sessionUser } from '../access/viewer';
import { sessionMaxAge, sessionRefreshAfter } from './session-cookie';
import { revokeSessions } from '../services/participants/verify-credentials';
import { checkCredentials } from './sign-in-gate';

/**
 * next-auth v4 with the credentials provider (id `credentials`, fields `email`, `password`) and
 * JWT sessions. The token carries only the participant id and a token version; everything else is
 * read from the database on each use, so revocation is immediate.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: sessionMaxAge(), updateAge: sessionRefreshAfter() },
  // The token's own expiry (next-auth defaults it to 30 days, whatever the session's).
  jwt: { maxAge: sessionMaxAge() },
  pages: { signIn: '/signin', signOut: '/signout', error: '/signin' },
  providers: [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email and password',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(credentials, request) {
        const viewer = await checkCredentials(credentials, request?.headers);
        return viewer ? { id: String(viewer.id), name: viewer.name, email: viewer.email } : null;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      const id = Number(user?.id ?? token.sub);
      const viewer = Number.isSafeInteger(id) ? await loadViewer(id) : null;
      if (!viewer) throw new Error('Session of an unknown or disabled participant');
      if (user) return { sub: String(viewer.id), tv: viewer.tokenVersion, name: viewer.name, email: viewer.email };
      // Throwing makes next-auth clear the cookie: the session was signed out elsewhere or revoked.
      if (token.tv !== viewer.tokenVersion) throw new Error('Session revoked');
      return token;
    },
    async session({ session, token }) {
      const viewer = await loadViewer(Number(token.sub));
      return { ...session, user: viewer ? sessionUser(viewer) : undefined } as typeof session;
    },
  },
  events: {
    async signOut({ token }) {
      // Sign-out ends the session everywhere, live sockets included (they check the version).
      if (token?.sub) await revokeSessions(Number(token.sub));
    },
  },
};
