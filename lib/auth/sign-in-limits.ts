import { limiter } from '../limits/limiter';

/**
 * Limits on failed sign-ins with growing delays, in three scopes:
 * - per address and account: 5 free failures, then 2, 4, 8 … s, at most 5 minutes;
 * - per address (any account): 20 free failures, then 2, 4, 8 … s, at most 15 minutes;
 * - per account (any address): 50 free failures, then 30 s at most — a distributed attacker can
 *   slow a delegate down, never lock them out for long.
 * A success clears only that account's own count from that address: signing in to one's own
 * account never buys more guesses at anyone else's. Failures are forgotten 15 minutes after the
 * last one. The counts live in rate-limiter-flexible's store (PostgreSQL with several processes).
 */
export const WINDOW_SECONDS = 15 * 60;
export const SCOPES = {
  pair: { free: 5, maxSeconds: 5 * 60 },
  address: { free: 20, maxSeconds: 15 * 60 },
  account: { free: 50, maxSeconds: 30 },
} as const;
type Scope = keyof typeof SCOPES;

/** How long to hold a scope back after its `failures`-th failure (0: not yet). */
export function delayAfter(scope: Scope, failures: number): number {
  const { free, maxSeconds } = SCOPES[scope];
  return failures > free ? Math.min(2 ** (failures - free), maxSeconds) : 0;
}

const failures = () => limiter('sign-in-failures', { points: Number.MAX_SAFE_INTEGER, duration: WINDOW_SECONDS });
const holds = () => limiter('sign-in-holds', { points: 1, duration: 1 });

function keys(email: string, address: string): [Scope, string][] {
  return [
    ['pair', `pair:${address}:${email}`],
    ['address', `address:${address}`],
    ['account', `account:${email}`],
  ];
}

/** Seconds to wait before this sign-in may be tried, or 0. */
export async function signInWait(email: string, address: string): Promise<number> {
  const held = await Promise.all(keys(email, address).map(([, key]) => holds().get(key)));
  return Math.max(0, ...held.map((res) => (res && res.consumedPoints > 1 ? Math.ceil(res.msBeforeNext / 1000) : 0)));
}

export async function recordSignIn(email: string, address: string, succeeded: boolean): Promise<void> {
  if (succeeded) {
    await failures().delete(`pair:${address}:${email}`);
    await holds().delete(`pair:${address}:${email}`);
    return;
  }
  for (const [scope, key] of keys(email, address)) {
    const counted = await failures().consume(key);
    // Forgotten a full window after the last failure, not the first.
    await failures().set(key, counted.consumedPoints, WINDOW_SECONDS);
    const seconds = delayAfter(scope, counted.consumedPoints);
    if (seconds > 0) await holds().block(key, seconds);
  }
}
