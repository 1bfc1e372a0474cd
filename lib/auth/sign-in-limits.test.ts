import { describe, expect, it } from 'vitest';
import { recordSignIn, signInWait } from './sign-in-limits';

describe('sign-in limits', () => {
  it('lets five failures through, then grows the delay up to five minutes', () => {
    const t = 1_000_000;
    for (let i = 0; i < 5; i++) recordSignIn('a@x.org', '10.0.0.1', false, t);
    expect(signInWait('a@x.org', '10.0.0.1', t)).toBe(0);
    recordSignIn('a@x.org', '10.0.0.1', false, t);
    expect(signInWait('a@x.org', '10.0.0.1', t)).toBe(2);
    recordSignIn('a@x.org', '10.0.0.1', false, t);
    expect(signInWait('a@x.org', '10.0.0.1', t)).toBe(4);
    for (let i = 0; i < 20; i++) recordSignIn('a@x.org', '10.0.0.1', false, t);
    expect(signInWait('a@x.org', '10.0.0.1', t)).toBe(5 * 60);
  });

  it('lets the owner’s success clear the account’s own delay from that address', () => {
    const t = 1_500_000;
    for (let i = 0; i < 7; i++) recordSignIn('c@x.org', '10.0.0.3', false, t);
    expect(signInWait('c@x.org', '10.0.0.3', t)).toBe(4);
    recordSignIn('c@x.org', '10.0.0.3', true, t);
    expect(signInWait('c@x.org', '10.0.0.3', t)).toBe(0);
  });

  it('lets a success clear only that account’s own count, never the address’s', () => {
    const t = 2_000_000;
    // 19 guesses at other accounts, then the attacker signs in to their own account, again and again.
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 19; i++) recordSignIn(`victim${i % 3}@x.org`, '10.0.0.9', false, t);
      recordSignIn('attacker@x.org', '10.0.0.9', true, t);
    }
    expect(signInWait('victim0@x.org', '10.0.0.9', t)).toBeGreaterThan(0);
    expect(signInWait('someone-else@x.org', '10.0.0.9', t)).toBeGreaterThan(0);
  });

  it('never holds an account back more than 30 s for attempts made from other addresses', () => {
    const t = 5_000_000;
    for (let i = 0; i < 500; i++) recordSignIn('delegate@x.org', `10.1.${i >> 8}.${i & 255}`, false, t);
    expect(signInWait('delegate@x.org', '192.168.0.7', t)).toBeLessThanOrEqual(30);
    expect(signInWait('delegate@x.org', '192.168.0.7', t + 31_000)).toBe(0);
  });

  it('forgets failures after fifteen quiet minutes', () => {
    const t = 9_000_000;
    for (let i = 0; i < 30; i++) recordSignIn('b@x.org', '10.0.0.2', false, t);
    expect(signInWait('b@x.org', '10.0.0.2', t)).toBeGreaterThan(0);
    expect(signInWait('b@x.org', '10.0.0.2', t + 16 * 60 * 1000)).toBe(0);
  });
});
