import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn } from '../helpers/client';
import { databaseChecksum } from '../helpers/db-state';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const newcomer = (overrides: Record<string, unknown> = {}) => ({
  name: 'Madina Aliyeva',
  email: `madina.${Math.random().toString(36).slice(2)}@example.org`,
  password: 'a-long-enough-password',
  affiliation: 'civil_society',
  organization: 'Women in water',
  ...overrides,
});

describe('a fresh start', () => {
  it('answers the health check once the database answers, naming its database', async () => {
    const response = await new Client(server.url).get('/api/health');
    expect(response).toMatchObject({ status: 200, body: { status: 'ok', database: server.dialect } });
  });

  it('generated NEXTAUTH_SECRET once: into the data folder (SQLite), into the database for every node (PostgreSQL)', async () => {
    const secret =
      server.dialect === 'sqlite'
        ? fs.readFileSync(path.join(server.dir, 'nextauth-secret'), 'utf8').trim()
        : (await server.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'nextauth_secret'`))[0].value;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    if (server.dialect === 'postgres') expect(fs.existsSync(path.join(server.dir, 'nextauth-secret'))).toBe(false);
  });

  it('seeded the demo accounts, the reference lists and a history of events', async () => {
    for (const email of Object.values(DEMO)) expect(await new Client(server.url).signIn(email)).toBe(200);
    expect((await server.query('SELECT code FROM states ORDER BY sort')).map((r) => r.code)).toEqual(['KZ', 'KG', 'TJ', 'TM', 'UZ']);
    expect((await server.query('SELECT COUNT(*) AS n FROM partners'))[0].n).toBeGreaterThanOrEqual(11);
    expect((await server.query('SELECT COUNT(*) AS n FROM topics'))[0].n).toBe(12);
    const statuses = (await server.query<{ status: string }>('SELECT DISTINCT status FROM initiatives')).map((r) => r.status).sort();
    expect(statuses).toEqual(['consensus', 'consultation', 'formalized', 'reservations']);
    const labels = (await server.query<{ label: string }>('SELECT label FROM initiatives')).map((r) => r.label);
    expect(labels.some((l) => l.includes(' minus '))).toBe(true);
    expect(labels.some((l) => l.includes(' + '))).toBe(true);
    expect(labels).toContain('CA-2');
    const kzDelegate = await server.query(
      'SELECT d.state_code AS state FROM participants p JOIN delegations d ON d.participant_id = p.id WHERE p.email = ?',
      DEMO.kz,
    );
    expect(kzDelegate).toEqual([{ state: 'KZ' }]);
  });

  it('keeps every change in the event log in id order, with the change itself', async () => {
    const [{ messages }] = await server.query<{ messages: number }>('SELECT COUNT(*) AS messages FROM messages');
    const [{ events }] = await server.query<{ events: number }>(`SELECT COUNT(*) AS events FROM events WHERE type = 'message.created'`);
    expect(events).toBe(messages);
    const [{ stanceEvents }] = await server.query<{ stanceEvents: number }>(
      `SELECT COUNT(*) AS "stanceEvents" FROM events WHERE type = 'stance.changed'`,
    );
    const [{ setStances }] = await server.query<{ setStances: number }>(
      'SELECT COUNT(*) AS "setStances" FROM stances WHERE set_at IS NOT NULL',
    );
    expect(stanceEvents).toBeGreaterThanOrEqual(setStances);
  });
});

describe('registration and sign-in', () => {
  it('registers a participant who can then sign in and see the rooms', async () => {
    const input = newcomer();
    const client = new Client(server.url);
    const registered = await client.post('/api/v1/register', input);
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({
      name: input.name,
      email: input.email,
      affiliation: 'civil_society',
      role: 'participant',
      state: null,
    });
    expect(registered.body).not.toHaveProperty('passwordHash');
    expect(await client.signIn(input.email, input.password)).toBe(200);
    const rooms = await client.get('/api/v1/threads');
    expect(rooms.status).toBe(200);
    expect(rooms.body.items.length).toBeGreaterThan(0);
    const me = await client.get('/api/v1/me');
    expect(me.body).toMatchObject({ email: input.email, affiliation: 'civil_society', state: null });
  });

  it('stores the password as an argon2id hash', async () => {
    const [row] = await server.query<{ hash: string }>('SELECT password_hash AS hash FROM participants WHERE email = ?', DEMO.kz);
    expect(row.hash).toMatch(/^\$argon2id\$/);
  });

  const badRegistrations: [string, Record<string, unknown>, string][] = [
    ['an invalid email', { email: 'not-an-email' }, 'email'],
    ['a password under 10 characters', { password: 'short' }, 'password'],
    ['an unknown affiliation', { affiliation: 'minister' }, 'affiliation'],
    ['a self-declared delegation', { affiliation: 'government', state: 'KZ' }, 'state'],
    ['an invite code that does not exist', { affiliation: 'government', inviteCode: 'forged-code-123456' }, 'inviteCode'],
    // Government and partner accounts come with a facilitator's invite or grant, never self-declared.
    ['a self-declared government', { affiliation: 'government' }, 'affiliation'],
    ['a self-declared partner', { affiliation: 'partner' }, 'affiliation'],
    ['a missing name', { name: '' }, 'name'],
    ['a name that is not text', { name: 42 }, 'name'],
  ];
  for (const [what, overrides, field] of badRegistrations) {
    it(`refuses ${what} with 400 and a field error, writing nothing`, async () => {
      const before = await databaseChecksum(server);
      const response = await new Client(server.url).post('/api/v1/register', newcomer(overrides));
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid');
      expect(response.body.error.fields).toHaveProperty(field);
      expect(await databaseChecksum(server)).toEqual(before);
    });
  }

  it('answers a taken email exactly as a new one, writing nothing, so registration never tells who has an account', async () => {
    const fresh = newcomer();
    const taken = newcomer({ email: DEMO.expert.toUpperCase() });
    const before = await databaseChecksum(server);
    const answerTaken = await new Client(server.url).post('/api/v1/register', taken);
    expect(await databaseChecksum(server)).toEqual(before);
    const answerFresh = await new Client(server.url).post('/api/v1/register', fresh);
    expect(answerTaken.status).toBe(answerFresh.status);
    expect(Object.keys(answerTaken.body).sort()).toEqual(Object.keys(answerFresh.body).sort());
    expect(answerTaken.body).toEqual({ ...answerFresh.body, name: taken.name, email: DEMO.expert });
    // The owner's password still works; the registrant's does not.
    expect(await new Client(server.url).signIn(DEMO.expert)).toBe(200);
    expect(await new Client(server.url).signIn(DEMO.expert, taken.password as string)).toBe(401);
  });

  it('refuses a body that is not JSON and one that is too large', async () => {
    const client = new Client(server.url);
    const notJson = await client.api('POST', '/api/v1/register', '{"name": ', { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('invalid');
    const huge = await client.post('/api/v1/register', newcomer({ organization: 'x'.repeat(1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('too_large');
  });

  it('answers a wrong password and an unknown account the same way', async () => {
    const wrong = new Client(server.url);
    await wrong.signIn(DEMO.kz, 'wrong-password-123');
    const unknown = new Client(server.url);
    await unknown.signIn('nobody@example.org', 'wrong-password-123');
    expect(wrong.signedIn).toBe(false);
    expect(unknown.signedIn).toBe(false);
    expect((await wrong.get('/api/v1/me')).status).toBe(401);
  });

  it('makes the registrant of a facilitator invite a delegate of its state, once', async () => {
    const facilitator = await signedIn(server.url, DEMO.facilitator);
    const invite = await facilitator.post('/api/v1/invites', { state: 'TJ' });
    expect(invite.status).toBe(201);
    expect(invite.body.code).toBeTruthy();
    expect((await server.query('SELECT code_hash FROM invites WHERE id = ?', invite.body.id))[0].code_hash).not.toBe(invite.body.code);

    const delegate = newcomer({ affiliation: 'government', inviteCode: invite.body.code });
    const registered = await new Client(server.url).post('/api/v1/register', delegate);
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ affiliation: 'government', state: 'TJ' });

    const again = await new Client(server.url).post(
      '/api/v1/register',
      newcomer({ affiliation: 'government', inviteCode: invite.body.code }),
    );
    expect(again.status).toBe(400);
    expect(again.body.error.fields.inviteCode).toBeTruthy();
  });

  it('lets only facilitators issue invites', async () => {
    const expert = await signedIn(server.url, DEMO.expert);
    expect((await expert.post('/api/v1/invites', { state: 'KZ' })).status).toBe(403);
    expect((await new Client(server.url).post('/api/v1/invites', { state: 'KZ' })).status).toBe(401);
  });

  it('ends the session everywhere on sign-out', async () => {
    const first = await signedIn(server.url, DEMO.civil);
    const second = await signedIn(server.url, DEMO.civil);
    const csrf = await first.get('/api/auth/csrf');
    await first.raw('POST', '/api/auth/signout', {
      body: new URLSearchParams({ csrfToken: csrf.body.csrfToken, json: 'true' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect((await second.get('/api/v1/me')).status).toBe(401);
  });
});

describe('pages', () => {
  it('serves the home, sign-in and register pages in both languages', async () => {
    for (const [locale, text] of [
      ['en', 'A teahouse for Central Asian cooperation'],
      ['ru', 'Чайхана для центральноазиатского сотрудничества'],
    ]) {
      const client = new Client(server.url);
      client.cookies.set('NEXT_LOCALE', locale);
      const home = await client.raw('GET', '/');
      const html = await home.text();
      expect(home.status).toBe(200);
      expect(html).toContain(`lang="${locale}"`);
      expect(html).toContain(text);
      expect((await client.raw('GET', '/signin')).status).toBe(200);
      expect((await client.raw('GET', '/register')).status).toBe(200);
    }
  });

  it('sends signed-out visitors of the rooms to sign in', async () => {
    const response = await new Client(server.url).raw('GET', '/rooms');
    expect([302, 307]).toContain(response.status);
    expect(response.headers.get('location')).toContain('/signin');
  });

  it('answers unknown API paths with the JSON error shape', async () => {
    const response = await new Client(server.url).get('/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });
});

describe('registration rate limit', () => {
  it('refuses registrations beyond the limit per address with 429 and Retry-After', async () => {
    const limited = await startServer({ demo: false, env: { RATE_LIMIT_REGISTRATIONS: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await new Client(limited.url).post('/api/v1/register', newcomer())).status);
      expect(statuses).toEqual([201, 201, 201, 429]);
      const refused = await new Client(limited.url).post('/api/v1/register', newcomer());
      expect(refused.body.error.code).toBe('rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await limited.query('SELECT COUNT(*) AS n FROM participants'))[0].n).toBe(3);
    } finally {
      await limited.stop();
    }
  });
});
