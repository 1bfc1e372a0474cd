import { describe, expect, it } from 'vitest';
import { delayAfter, recordSignIn, signInWait } from './sign-in-limits';

describe('the delay policy', () => {
  it('lets five failures of a pair through, then grows 2, 4, 8 … s up to five minutes', () => {
    expect([1, 5, 6, 7, 8, 13, 14, 40].map((n) => delayAfter('pair', n))).toEqual([0, 0, 2, 4, 8, 256, 300, 300]);
  });

  it('holds an address after 20 failures, up to 15 minutes', () => {
    expect([20, 21, 25, 40].map((n) => delayAfter('address', n))).toEqual([0, 2, 32, 900]);
  });

  it('never holds an account back more than 30 s for attempts made from many addresses', () => {
    expect([50, 51, 55, 500].map((n) => delayAfter('account', n))).toEqual([0, 2, 30, 30]);
  });
});

// The counts themselves, in this process's store (memory: no DATABASE_URL in unit tests).
describe('the counts', () => {
  it('hold a pair after its sixth failure, even for the right password, and not another account', async () => {
    for (let i = 0; i < 6; i++) await recordSignIn('a@x.org', '10.0.0.1', false);
    expect(await signInWait('a@x.org', '10.0.0.1')).toBe(2);
    expect(await signInWait('b@x.org', '10.0.0.1')).toBe(0);
  });

  it('let the owner’s success clear the account’s own count from that address', async () => {
    for (let i = 0; i < 7; i++) await recordSignIn('c@x.org', '10.0.0.3', false);
    expect(await signInWait('c@x.org', '10.0.0.3')).toBe(4);
    await recordSignIn('c@x.org', '10.0.0.3', true);
    expect(await signInWait('c@x.org', '10.0.0.3')).toBe(0);
  });

  it('let a success clear only that account’s own count, never the address’s', async () => {
    // 19 guesses at other accounts, then the attacker signs in to their own account, again and again.
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 19; i++) await recordSignIn(`victim${round}-${i}@x.org`, '10.0.0.9', false);
      await recordSignIn('attacker@x.org', '10.0.0.9', true);
    }
    expect(await signInWait('someone-else@x.org', '10.0.0.9')).toBeGreaterThan(0);
  });
});
