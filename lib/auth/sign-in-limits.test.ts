import { describe, expect, it } from 'vitest';
import { recordSignIn, signInWait } from './sign-in-limits';

describe('sign-in limits', () => {
  it('lets five failures through, then grows the delay, and a success clears it', () => {
    const t = 1_000_000;
    for (let i = 0; i < 5; i++) recordSignIn('a@x.org', '10.0.0.1', false, t);
    expect(signInWait('a@x.org', '10.0.0.1', t)).toBe(0);
    recordSignIn('a@x.org', '10.0.0.1', false, t);
    expect(signInWait('a@x.org', '10.0.0.1', t)).toBe(2);
    recordSignIn('a@x.org', '10.0.0.1', false, t);
    expect(signInWait('a@x.org', '10.0.0.1', t)).toBe(4);
    for (let i = 0; i < 20; i++) recordSignIn('a@x.org', '10.0.0.1', false, t);
    expect(signInWait('a@x.org', '10.0.0.1', t)).toBe(5 * 60);
    recordSignIn('a@x.org', '10.0.0.1', true, t);
    expect(signInWait('a@x.org', '10.0.0.1', t)).toBe(0);
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
