import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signInAll, signedIn, type DemoKey } from '../helpers/client';
import { databaseChecksum } from '../helpers/db-state';
import { startServer, type TestServer } from '../helpers/server';
import { connect, openSocket, refusal } from '../helpers/socket';
import { elapse, until } from '../helpers/wait';

/** The holes issue 13 closed, each attacked the way it was found. */
let server: TestServer;
let as: Record<DemoKey, Client>;

beforeAll(async () => {
  server = await startServer();
  as = await signInAll(server.url);
});
afterAll(async () => {
  await server?.stop();
});

async function signOut(client: Client): Promise<void> {
  const csrf = await client.get('/api/auth/csrf');
  const response = await client.raw('POST', '/api/auth/signout', {
    body: new URLSearchParams({ csrfToken: csrf.body.csrfToken, json: 'true' }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  await response.text();
}

const participantId = async (client: Client) => (await client.get('/api/v1/me')).body.id as number;

async function initiativeOf(state: string): Promise<number> {
  const list = await as.facilitator.get(`/api/v1/initiatives?state=${state}&status=consultation`);
  return list.body.items[0].id;
}

/**
 * Sends a request's headers now and its body only when `release` resolves, over a raw
 * connection — a client that authenticates first and writes later.
 */
async function withheldBody(
  target: TestServer,
  request: { method: string; path: string; headers: Record<string, string>; body: string },
  release: () => Promise<void>,
): Promise<{ status: number; body: string }> {
  const socket = net.connect(target.port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const headers = { host: `localhost:${target.port}`, 'content-type': 'application/json', ...request.headers };
  socket.write(
    `${request.method} ${request.path} HTTP/1.1\r\n` +
      Object.entries({ ...headers, 'content-length': String(Buffer.byteLength(request.body)), connection: 'close' })
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('') +
      '\r\n',
  );
  let response = '';
  socket.on('data', (chunk) => (response += chunk.toString()));
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  // Long enough for the server to have authenticated already, had it not waited for the body.
  await elapse(300);
  await release();
  socket.write(request.body);
  await ended;
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);
  return { status, body: response.slice(response.indexOf('\r\n\r\n') + 4) };
}

describe('authorization at the moment of the write', () => {
  it('a session signed out while its request body was withheld writes nothing (401)', async () => {
    const initiativeId = await initiativeOf('KZ');
    const kz = await signedIn(server.url, DEMO.kz);
    const before = await databaseChecksum(server);
    const result = await withheldBody(
      server,
      {
        method: 'PUT',
        path: `/api/v1/initiatives/${initiativeId}/stances/KZ`,
        headers: { cookie: kz.cookieHeader() },
        body: JSON.stringify({ position: 'reservation', note: 'withheld' }),
      },
      () => signOut(kz),
    );
    expect(result.status).toBe(401);
    const after = await databaseChecksum(server);
    expect(after.stances).toBe(before.stances);
    expect(after.events).toBe(before.events);
    // Signing out ended every session of the participant.
    as.kz = await signedIn(server.url, DEMO.kz);
  });

  it('a delegation revoked while the body was withheld writes nothing either', async () => {
    const initiativeId = await initiativeOf('UZ');
    const uz = await signedIn(server.url, DEMO.uz);
    const id = await participantId(uz);
    const result = await withheldBody(
      server,
      {
        method: 'PUT',
        path: `/api/v1/initiatives/${initiativeId}/stances/UZ`,
        headers: { cookie: uz.cookieHeader() },
        body: JSON.stringify({ position: 'step_aside' }),
      },
      async () => {
        expect((await as.facilitator.post(`/api/v1/participants/${id}/delegation`, { state: null })).status).toBe(200);
      },
    );
    expect(result.status).toBe(401);
    expect(await server.query(`SELECT 1 FROM stances WHERE initiative_id = ? AND note = 'withheld'`, initiativeId)).toEqual([]);
    expect((await as.facilitator.post(`/api/v1/participants/${id}/delegation`, { state: 'UZ' })).status).toBe(200);
    as.uz = await signedIn(server.url, DEMO.uz);
  });

  it('an API token revoked while the body was withheld writes nothing', async () => {
    const owner = await signedIn(server.url, DEMO.expert);
    const token = (await owner.post('/api/v1/me/tokens', { name: 'withheld' })).body;
    const before = await databaseChecksum(server);
    const result = await withheldBody(
      server,
      {
        method: 'POST',
        path: '/api/v1/threads/1/messages',
        headers: { authorization: `Bearer ${token.token}` },
        body: JSON.stringify({ body: 'written after revocation' }),
      },
      async () => {
        expect((await owner.delete(`/api/v1/me/tokens/${token.id}`)).status).toBe(200);
      },
    );
    expect(result.status).toBe(401);
    expect((await databaseChecksum(server)).messages).toBe(before.messages);
  });
});

describe('sessions end when what they carried changes', () => {
  it('a changed delegation ends that person’s sessions and sockets at once; presence shows the new state', async () => {
    const tj = await signedIn(server.url, DEMO.tj);
    const id = await participantId(tj);
    const live = await connect(server.url, tj.cookieHeader());
    expect((await live.call('subscribe', { channel: 'thread:1' })).ok).toBe(true);
    const watcher = await connect(server.url, as.expert.cookieHeader());
    const presence: { participants: { name?: string; state: string | null }[] }[] = [];
    watcher.socket.on('presence', (p) => presence.push(p));
    await watcher.call('subscribe', { channel: 'thread:1' });

    expect((await as.facilitator.post(`/api/v1/participants/${id}/delegation`, { state: 'KG' })).status).toBe(200);
    const took = await until(() => !live.socket.connected, 'the socket to close');
    expect(took).toBeLessThan(2000);
    expect((await tj.get('/api/v1/me')).status).toBe(401);

    const again = await signedIn(server.url, DEMO.tj);
    expect((await again.get('/api/v1/me')).body.state).toBe('KG');
    const relive = await connect(server.url, again.cookieHeader());
    await relive.call('subscribe', { channel: 'thread:1' });
    await until(
      () => presence.at(-1)?.participants.some((p) => p.name === 'Farrukh Rahimov' && p.state === 'KG') ?? false,
      'presence to show the new state',
    );
    expect(presence.at(-1)!.participants.filter((p) => p.name === 'Farrukh Rahimov')).toHaveLength(1);
    relive.close();
    watcher.close();
    await as.facilitator.post(`/api/v1/participants/${id}/delegation`, { state: 'TJ' });
    as.tj = await signedIn(server.url, DEMO.tj);
  });

  it('a token version changed outside this process (another node, an operator) closes the sockets within 2 s', async () => {
    const civil = await signedIn(server.url, DEMO.civil);
    const live = await connect(server.url, civil.cookieHeader());
    await server.execute('UPDATE participants SET token_version = token_version + 1 WHERE email = ?', DEMO.civil);
    expect(await until(() => !live.socket.connected, 'the sweep to close the socket')).toBeLessThan(2500);
    expect((await civil.get('/api/v1/me')).status).toBe(401);
    as.civil = await signedIn(server.url, DEMO.civil);
  });

  it('a disabled account loses its sessions, sockets and tokens at once and cannot sign in; enabled, it can again', async () => {
    const partner = await signedIn(server.url, DEMO.partner);
    const id = await participantId(partner);
    const token = (await partner.post('/api/v1/me/tokens', { name: 'script' })).body.token as string;
    const live = await connect(server.url, partner.cookieHeader());
    const script = new Client(server.url);
    script.bearer = token;
    expect((await script.get('/api/v1/me')).status).toBe(200);

    expect((await as.kz.post(`/api/v1/participants/${id}/disable`)).status).toBe(403);
    expect((await as.facilitator.post(`/api/v1/participants/${id}/disable`)).body).toEqual({ id, disabled: true });
    expect(await until(() => !live.socket.connected, 'the socket to close')).toBeLessThan(2000);
    expect((await partner.get('/api/v1/me')).status).toBe(401);
    expect((await script.get('/api/v1/me')).status).toBe(401);
    expect(await new Client(server.url).signIn(DEMO.partner)).toBe(401);
    expect(await refusal(server.url, partner.cookieHeader())).toBe('unauthorized');

    expect((await as.facilitator.post(`/api/v1/participants/${id}/enable`)).body).toEqual({ id, disabled: false });
    expect((await script.get('/api/v1/me')).status).toBe(200);
    as.partner = await signedIn(server.url, DEMO.partner);
  });
});

describe('socket abuse', () => {
  it('limits typing and subscribing per socket, answering rate_limited', async () => {
    const noisy = await connect(server.url, as.kg.cookieHeader());
    const listener = await connect(server.url, as.expert.cookieHeader());
    let heard = 0;
    listener.socket.on('typing', () => heard++);
    await listener.call('subscribe', { channel: 'thread:1' });
    const subscribes = [];
    for (let i = 0; i < 40; i++) subscribes.push(await noisy.call('subscribe', { channel: 'thread:1' }));
    expect(subscribes.slice(0, 29).every((a) => a.ok)).toBe(true);
    expect(subscribes.at(-1)).toMatchObject({ ok: false, error: 'rate_limited' });
    const typing = [];
    for (let i = 0; i < 20; i++) typing.push(await noisy.call('typing', { threadId: 1 }));
    expect(typing.filter((a) => a.ok)).toHaveLength(5);
    expect(typing.at(-1)).toMatchObject({ ok: false, error: 'rate_limited' });
    // A marker after the flood: once it arrives, every typing that was passed on has arrived too.
    await as.kg.post('/api/v1/threads/1/messages', { body: 'marker after typing' });
    await listener.waitFor((events) => events.some((e) => e.type === 'message.created'));
    expect(heard).toBe(5);
    noisy.close();
    listener.close();
  });

  it('reserves the per-participant socket cap atomically: 30 simultaneous handshakes, exactly 20 connect', async () => {
    const client = await signedIn(server.url, DEMO.observer);
    const sockets = Array.from({ length: 30 }, () => openSocket(server.url, client.cookieHeader()));
    const outcomes = await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<string>((resolve) => {
            socket.once('connect', () => resolve('connected'));
            socket.once('connect_error', (error) => resolve(error.message));
          }),
      ),
    );
    expect(outcomes.filter((o) => o === 'connected')).toHaveLength(20);
    expect(outcomes.filter((o) => o === 'too_many_connections')).toHaveLength(10);
    sockets.forEach((s) => s.disconnect());
    // Seats come back when sockets close.
    await until(async () => (await refusal(server.url, client.cookieHeader())) === null, 'a seat to come back');
  });
});

describe('observers and discreet rooms', () => {
  it('an observer is never seated in a discreet room, and does not see one even when the database says otherwise', async () => {
    const rooms = (await as.facilitator.get('/api/v1/threads?limit=100')).body.items as { id: number; visibility: string }[];
    const discreet = rooms.find((r) => r.visibility === 'discreet')!;
    const observerId = await participantId(as.observer);
    const before = await databaseChecksum(server);
    const refused = await as.facilitator.post(`/api/v1/threads/${discreet.id}/members`, { userId: observerId });
    expect(refused.status).toBe(403);
    expect(await databaseChecksum(server)).toEqual(before);

    // A seat that got into the database anyway (an old version, an import) grants nothing.
    await server.execute(
      'INSERT INTO memberships (thread_id, participant_id, created_at) VALUES (?, ?, ?)',
      discreet.id,
      observerId,
      new Date().toISOString(),
    );
    expect((await as.observer.get(`/api/v1/threads/${discreet.id}`)).status).toBe(404);
    const listed = (await as.observer.get('/api/v1/threads?limit=100')).body.items.map((r: { id: number }) => r.id);
    expect(listed).not.toContain(discreet.id);
    const events = (await as.observer.get(`/api/v1/events?since=0&limit=1000`)).body.items as { threadId: number | null }[];
    expect(events.some((e) => e.threadId === discreet.id)).toBe(false);
    const live = await connect(server.url, as.observer.cookieHeader());
    expect(await live.call('subscribe', { channel: `thread:${discreet.id}` })).toMatchObject({ ok: false, error: 'not_found' });
    live.close();
    await server.execute('DELETE FROM memberships WHERE thread_id = ? AND participant_id = ?', discreet.id, observerId);
  });
});

describe('cross-site posts to pages', () => {
  for (const page of ['/', '/rooms', '/signin']) {
    it(`POST ${page} from a foreign origin is a 403 in the error shape, logged once, not a crash`, async () => {
      const logBefore = server.output().length;
      const response = await as.kz.raw('POST', page, {
        body: 'anything=1',
        headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: { code: 'forbidden', message: 'Cross-site request refused' } });
      // A second refused post is a marker: once its line is logged, the first one's lines are all there.
      await as.kz.raw('POST', '/marker', {
        body: 'anything=1',
        headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      });
      await until(
        () =>
          (
            server
              .output()
              .slice(logBefore)
              .match(/Refused a cross-site POST/g) ?? []
          ).length >= 2,
        'the marker to be logged',
      );
      const logged = server.output().slice(logBefore);
      expect(logged.match(/Refused a cross-site POST/g)).toHaveLength(2);
      expect(logged).not.toMatch(/Error|⨯/);
    });
  }
});

describe('cookies', () => {
  it('accepts the __Secure- session cookie only behind https', async () => {
    const owner = await signedIn(server.url, DEMO.kg);
    const value = owner.cookies.get('next-auth.session-token')!;
    expect((await owner.get('/api/v1/me')).status).toBe(200);
    const forged = new Client(server.url);
    forged.cookies.set('__Secure-next-auth.session-token', value);
    expect((await forged.get('/api/v1/me')).status).toBe(401);
  });

  it('does not trust the first of two session cookies (one planted by a sibling subdomain)', async () => {
    const [attacker, victim] = await Promise.all([signedIn(server.url, DEMO.observer), signedIn(server.url, DEMO.kg)]);
    const planted = new Client(server.url);
    const header = `next-auth.session-token=${attacker.cookies.get('next-auth.session-token')}; next-auth.session-token=${victim.cookies.get('next-auth.session-token')}`;
    expect((await attacker.get('/api/v1/me')).status).toBe(200);
    const response = await planted.raw('GET', '/api/v1/me', { headers: { cookie: header } });
    expect(response.status).toBe(401);
    expect(await refusal(server.url, header)).toBe('unauthorized');
  });
});

describe('API tokens', () => {
  it('may expire, and keep when they were last used', async () => {
    const owner = await signedIn(server.url, DEMO.kg);
    expect((await owner.post('/api/v1/me/tokens', { name: 'x', expiresInDays: 0 })).status).toBe(400);
    expect((await owner.post('/api/v1/me/tokens', { name: 'x', expiresInDays: 400 })).status).toBe(400);
    const created = (await owner.post('/api/v1/me/tokens', { name: 'monthly export', expiresInDays: 30 })).body;
    const in30Days = Date.now() + 30 * 86_400_000;
    expect(Math.abs(Date.parse(created.expiresAt) - in30Days)).toBeLessThan(60_000);
    const script = new Client(server.url);
    script.bearer = created.token;
    expect((await script.get('/api/v1/me')).status).toBe(200);
    const listed = (await owner.get('/api/v1/me/tokens')).body.items.find((t: { id: number }) => t.id === created.id);
    expect(listed.lastUsedAt).not.toBeNull();
    await server.execute('UPDATE api_tokens SET expires_at = ? WHERE id = ?', new Date(Date.now() - 1000).toISOString(), created.id);
    expect((await script.get('/api/v1/me')).status).toBe(401);
  });
});

describe('registration', () => {
  it('does not reveal an existing account, and leaves an invite unused when the email is taken', async () => {
    const invite = (await as.facilitator.post('/api/v1/invites', { state: 'TM' })).body;
    const before = await databaseChecksum(server);
    const taken = await new Client(server.url).post('/api/v1/register', {
      name: 'Someone Else',
      email: DEMO.kg,
      password: 'another-long-password',
      affiliation: 'government',
      inviteCode: invite.code,
    });
    expect(taken.status).toBe(201);
    expect(taken.body).toEqual({
      name: 'Someone Else',
      email: DEMO.kg,
      affiliation: 'government',
      role: 'participant',
      state: 'TM',
      partner: null,
    });
    expect(await databaseChecksum(server)).toEqual(before);
    expect(await server.query('SELECT used_at FROM invites WHERE id = ?', invite.id)).toEqual([{ used_at: null }]);
  });
});

describe('a public (https) deployment', () => {
  it('refuses to seed demo accounts unless CHAIKHANA_DEMO=1 says so, and then warns loudly', async () => {
    const https = { NEXTAUTH_URL: 'https://chaikhana.example.org', CHAIKHANA_DEMO: '' };
    await expect(startServer({ env: https })).rejects.toThrow(/Refusing to start[\s\S]*CHAIKHANA_DEMO=0/);
    const explicit = await startServer({ env: { ...https, CHAIKHANA_DEMO: '1' } });
    try {
      expect(explicit.output()).toMatch(/WARNING: demo accounts with a publicly known password/);
      const response = await new Client(explicit.url).raw('GET', '/api/health');
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await explicit.stop();
    }
    const clean = await startServer({ env: { ...https, CHAIKHANA_DEMO: '0' } });
    try {
      expect(clean.output()).not.toMatch(/Demo content seeded/);
    } finally {
      await clean.stop();
    }
  });

  it('sends no HSTS header over plain http', async () => {
    const response = await new Client(server.url).raw('GET', '/');
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('behind a reverse proxy', () => {
  const register = (target: TestServer, forwardedFor: string) =>
    new Client(target.url).post(
      '/api/v1/register',
      {
        name: 'Proxy',
        email: `p${Math.random().toString(36).slice(2)}@example.org`,
        password: 'a-long-enough-password',
        affiliation: 'expert',
      },
      { 'x-forwarded-for': forwardedFor },
    );

  it('ignores X-Forwarded-For from a peer that is not a listed proxy (no spoofing out of a limit)', async () => {
    const direct = await startServer({ env: { RATE_LIMIT_REGISTRATIONS: '2' } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await register(direct, `203.0.113.${i}`)).status);
      expect(statuses).toEqual([201, 201, 429, 429]);
    } finally {
      await direct.stop();
    }
  });

  it('takes the right-most address that is not a listed proxy when the peer is one', async () => {
    const proxied = await startServer({ env: { RATE_LIMIT_REGISTRATIONS: '2', TRUSTED_PROXIES: '127.0.0.1, ::1, 10.0.0.0/8' } });
    try {
      // The client claims 1.1.1.1 on the left; the proxy chain says it is 203.0.113.7.
      expect((await register(proxied, '1.1.1.1, 203.0.113.7')).status).toBe(201);
      expect((await register(proxied, '2.2.2.2, 203.0.113.7, 10.1.2.3')).status).toBe(201);
      expect((await register(proxied, '3.3.3.3, 203.0.113.7')).status).toBe(429);
      // Another client behind the same proxy has its own count.
      expect((await register(proxied, '203.0.113.8')).status).toBe(201);
    } finally {
      await proxied.stop();
    }
  });

  it('refuses a malformed TRUSTED_PROXIES at start with a clear message', async () => {
    await expect(startServer({ env: { TRUSTED_PROXIES: 'not-an-address' } })).rejects.toThrow(/TRUSTED_PROXIES/);
  });
});
