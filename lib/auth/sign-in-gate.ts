import { AsyncLocalStorage } from 'node:async_hooks';
import type { Viewer } from '../access/viewer';
import { clientAddressOf } from '../http/client-address';
import { verifyCredentials } from '../services/participants/verify-credentials';
import { recordSignIn, signInWait } from './sign-in-limits';

/** What the credentials check tells the route around it: a refusal to answer as 429. */
interface SignInAttempt {
  retryAfterSeconds: number;
}

const attempts = new AsyncLocalStorage<SignInAttempt>();

/** The error next-auth reports (`?error=RateLimited`) when the limits refuse an attempt. */
export const RATE_LIMITED = 'RateLimited';

/**
 * The credentials check with its limits, on exactly what next-auth parsed and will sign in with:
 * counted before the password is verified, refused while a delay runs (whatever path or body
 * encoding reached it), and a success clears only this account's own counter from this address.
 */
export async function checkCredentials(
  credentials: Record<string, unknown> | undefined,
  headers: Record<string, unknown> | undefined,
): Promise<Viewer | null> {
  const email = String(credentials?.email ?? '')
    .trim()
    .toLowerCase()
    .slice(0, 254);
  const address = clientAddressOf(headers);
  const wait = await signInWait(email, address);
  if (wait > 0) {
    const attempt = attempts.getStore();
    if (attempt) attempt.retryAfterSeconds = wait;
    throw new Error(RATE_LIMITED);
  }
  const viewer = await verifyCredentials(credentials);
  await recordSignIn(email, address, viewer !== null);
  return viewer;
}

/** Runs next-auth for one request; `limited` is the wait when the credentials check refused it. */
export async function withSignInAttempt(run: () => Promise<Response>): Promise<{ response: Response; limited: number }> {
  const attempt: SignInAttempt = { retryAfterSeconds: 0 };
  const response = await attempts.run(attempt, run);
  return { response, limited: attempt.retryAfterSeconds };
}
