import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, DEMO_PASSWORD } from '../helpers/client';
import { startServer, type TestServer } from '../helpers/server';

/**
 * The limits on failed sign-ins, attacked the ways a review found around them. Each test comes
 * from its own client address (the server trusts loopback as a proxy, so `X-Forwarded-For` names
 * the address), so the per-address counts of one test do not leak into another.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { TRUSTED_PROXIES: 'loopback' } });
});
afterAll(async () => {
  await server?.stop();
});

let addresses = 0;
const freshAddress = () => `198.51.100.${++addresses}`;

interface Attempt {
  status: number;
  signedIn: boolean;
  retryAfter: string | null;
}

/** One credentials post as a browser or script makes it, from a given client address. */
async function attempt(
  from: string,
  body: { email?: string | string[]; password: string },
  options: { path?: string; json?: boolean } = {},
): Promise<Attempt> {
  const client = new Client(server.url);
  const csrf = (await client.get('/api/auth/csrf')).body.csrfToken as string;
  const headers: Record<string, string> = { 'x-forwarded-for': from };
  let payload: string;
  if (options.json) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify({ csrfToken: csrf, email: body.email, password: body.password, json: 'true' });
  } else {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    const form = new URLSearchParams({ csrfToken: csrf, json: 'true' });
    for (const email of [body.email ?? []].flat()) form.append('email', email);
    form.append('password', body.password);
    payload = form.toString();
  }
  const response = await client.raw('POST', options.path ?? '/api/auth/callback/credentials', { body: payload, headers });
  await response.text();
  return { status: response.status, signedIn: client.signedIn, retryAfter: response.headers.get('retry-after') };
}

const wrong = (i: number) => ({ password: `wrong-password-${i}` });

describe('failed sign-ins are limited', () => {
  it('control: six wrong passwords are answered, then a delay runs (429 + Retry-After) even for the right one; other accounts are not held', async () => {
    const from = freshAddress();
    for (let i = 0; i < 6; i++) expect((await attempt(from, { email: DEMO.tm, ...wrong(i) })).status).toBe(401);
    const limited = await attempt(from, { email: DEMO.tm, ...wrong(6) });
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect(await attempt(from, { email: DEMO.tm, password: DEMO_PASSWORD })).toMatchObject({ status: 429, signedIn: false });
    expect(await attempt(from, { email: DEMO.uz, password: DEMO_PASSWORD })).toMatchObject({ status: 200, signedIn: true });
  });

  it('(a) whatever path under /api/auth/callback/ is used: only the credentials callback exists, anything longer is 404', async () => {
    const from = freshAddress();
    for (const path of ['/api/auth/callback/credentials/x', '/api/auth/callback/credentials/a/b', '/api/auth/callback/other']) {
      for (let i = 0; i < 8; i++) {
        const result = await attempt(from, { email: DEMO.kg, ...wrong(i) }, { path });
        expect(result.status).toBe(404);
      }
      // Not even the right password signs in there.
      expect(await attempt(from, { email: DEMO.kg, password: DEMO_PASSWORD }, { path })).toMatchObject({ status: 404, signedIn: false });
    }
    const refused = await new Client(server.url).raw('GET', '/api/auth/session/extra');
    expect(refused.status).toBe(404);
    expect((await refused.json()).error.code).toBe('not_found');
  });

  it('(b) a body naming two accounts is refused, so a guess cannot be counted against a decoy', async () => {
    const from = freshAddress();
    for (let i = 0; i < 8; i++) {
      const result = await attempt(from, { email: [`decoy${i}@example.org`, DEMO.kz], ...wrong(i) });
      expect(result.status).toBe(400);
    }
    expect(await attempt(from, { email: [`decoy@example.org`, DEMO.kz], password: DEMO_PASSWORD })).toMatchObject({
      status: 400,
      signedIn: false,
    });
    // The account itself was never guessed at: its owner signs in from there at once.
    expect(await attempt(from, { email: DEMO.kz, password: DEMO_PASSWORD })).toMatchObject({ status: 200, signedIn: true });
  });

  it('(c) signing in to one’s own account does not buy more guesses at others', async () => {
    const from = freshAddress();
    const statuses: number[] = [];
    for (let round = 0; round < 2; round++) {
      // 19 guesses spread over many accounts (never five at one), then a success of one's own.
      for (let i = 0; i < 19; i++) statuses.push((await attempt(from, { email: `someone${round}-${i}@example.org`, ...wrong(i) })).status);
      await attempt(from, { email: DEMO.civil, password: DEMO_PASSWORD });
    }
    expect(statuses.slice(0, 19).every((s) => s === 401)).toBe(true);
    expect(statuses).toContain(429);
    expect((await attempt(from, { email: 'yet-another@example.org', ...wrong(99) })).status).toBe(429);
  });

  it('(d) credentials posted as JSON count against the account they name', async () => {
    const from = freshAddress();
    for (let i = 0; i < 6; i++) expect((await attempt(from, { email: DEMO.tj, ...wrong(i) }, { json: true })).status).toBe(401);
    expect((await attempt(from, { email: DEMO.tj, ...wrong(6) }, { json: true })).status).toBe(429);
    // The victim's own limit holds whatever the encoding of the next try.
    expect(await attempt(from, { email: DEMO.tj, password: DEMO_PASSWORD })).toMatchObject({ status: 429, signedIn: false });
    expect(await attempt(from, { email: DEMO.tj, password: DEMO_PASSWORD }, { json: true })).toMatchObject({
      status: 429,
      signedIn: false,
    });
  });
});
