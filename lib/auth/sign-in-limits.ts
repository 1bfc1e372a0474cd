import { singleton } from '../singleton';

/**
 * Limits on failed sign-ins with growing delays, in three scopes:
 * - per address and account: 5 free failures, then 2, 4, 8 … s, at most 5 minutes;
 * - per address (any account): 20 free failures, then 2, 4, 8 … s, at most 15 minutes;
 * - per account (any address): 50 free failures, then 30 s at most — a distributed attacker can
 *   slow a delegate down, never lock them out for long.
 * A success clears only that account's own count from that address: signing in to one's own
 * account never buys more guesses at anyone else's.
 * Failures are forgotten 15 minutes after the last one.
 */
const WINDOW_MS = 15 * 60 * 1000;
const SCOPES = {
  pair: { free: 5, maxSeconds: 5 * 60 },
  address: { free: 20, maxSeconds: 15 * 60 },
  account: { free: 50, maxSeconds: 30 },
} as const;
type Scope = keyof typeof SCOPES;

interface Record {
  failures: number;
  last: number;
  blockedUntil: number;
}

const records = () => singleton('sign-in-limits', () => new Map<string, Record>());

function keys(email: string, address: string): [Scope, string][] {
  return [
    ['pair', `pair:${address}:${email}`],
    ['address', `address:${address}`],
    ['account', `account:${email}`],
  ];
}

/** Seconds to wait before this sign-in may be tried, or 0. */
export function signInWait(email: string, address: string, now = Date.now()): number {
  let wait = 0;
  for (const [, key] of keys(email, address)) {
    const record = records().get(key);
    if (!record) continue;
    if (now - record.last > WINDOW_MS) {
      records().delete(key);
      continue;
    }
    wait = Math.max(wait, Math.ceil((record.blockedUntil - now) / 1000));
  }
  return Math.max(0, wait);
}

export function recordSignIn(email: string, address: string, succeeded: boolean, now = Date.now()): void {
  const map = records();
  if (succeeded) {
    map.delete(`pair:${address}:${email}`);
    return;
  }
  if (map.size > 100_000) for (const [key, record] of map) if (now - record.last > WINDOW_MS) map.delete(key);
  for (const [scope, key] of keys(email, address)) {
    const record = map.get(key) ?? { failures: 0, last: now, blockedUntil: 0 };
    record.failures++;
    record.last = now;
    const { free, maxSeconds } = SCOPES[scope];
    if (record.failures > free) record.blockedUntil = now + Math.min(2 ** (record.failures - free), maxSeconds) * 1000;
    map.set(key, record);
  }
}
