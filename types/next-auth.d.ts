import type { SessionUser } from '@/lib/access/viewer';

declare module 'next-auth' {
  interface Session {
    user?: SessionUser;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    /** The participant's token version when the session was issued. */
    tv?: number;
  }
}
