import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn } from '../helpers/client';
import { startServer, type TestServer } from '../helpers/server';
import { connect } from '../helpers/socket';
import { findRoom, openNamedRoom } from '../helpers/demo';
import { elapse, until } from '../helpers/wait';

let server: TestServer;

beforeAll(async () => {
  // Short sessions and a small socket buffer, so expiry, refresh and slow consumers show in seconds.
  server = await startServer({
    env: { SESSION_MAX_AGE_SECONDS: '4', SESSION_REFRESH_AFTER_SECONDS: '1', SOCKET_MAX_BUFFERED_BYTES: '65536' },
  });
});
afterAll(async () => {
  await server?.stop();
});

// Security headers on every page: tests/integration/pages.test.ts.

describe('sign-in attempts', () => {
  it('are limited per account with a growing delay (429 + Retry-After), other accounts unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const client = new Client(server.url);
      const csrf = await client.get('/api/auth/csrf');
      const response = await client.raw('POST', '/api/auth/callback/credentials', {
        body: new URLSearchParams({ csrfToken: csrf.body.csrfToken, email: DEMO.tm, password: `wrong-${i}-password`, json: 'true' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await response.json()).error.code).toBe('rate_limited');
      } else await response.text();
    }
    expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Even the right password waits out the delay…
    expect(await new Client(server.url).signIn(DEMO.tm)).toBe(429);
    // …but another participant signs in from the same address.
    expect(await new Client(server.url).signIn(DEMO.uz)).toBe(200);
  });
});

describe('sessions', () => {
  it('are re-issued by a request after the refresh age (rolling), and end after their maximum age', async () => {
    const client = await signedIn(server.url, DEMO.kg);
    const first = client.cookieHeader();
    await elapse(1500); // past the refresh age
    const refreshed = await client.get('/api/v1/me');
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('set-cookie')).toContain('next-auth.session-token=');
    expect(client.cookieHeader()).not.toBe(first);
    // Kept alive by a request every 2 s beyond the 4 s maximum age…
    for (let i = 0; i < 3; i++) {
      await elapse(2000);
      expect((await client.get('/api/v1/me')).status).toBe(200);
    }
    // …and over once it sits idle past it.
    await elapse(4500); // idle past the maximum age
    expect((await client.get('/api/v1/me')).status).toBe(401);
  });

  it('end a live socket when its session expires', async () => {
    const client = await signedIn(server.url, DEMO.expert);
    const live = await connect(server.url, client.cookieHeader());
    // The session was made with a 4 s maximum age; the sweep runs every second.
    await until(() => !live.socket.connected, 'the socket of an expired session to be closed', 6000);
  });
});

describe('slow consumers', () => {
  it('are dropped when they stop reading, without holding back the others', async () => {
    const busy = await startServer({ env: { SOCKET_MAX_BUFFERED_BYTES: '65536', RATE_LIMIT_MESSAGES: '100000' } });
    try {
      const writer = await signedIn(busy.url, DEMO.kz);
      const healthy = await connect(busy.url, (await signedIn(busy.url, DEMO.expert)).cookieHeader());
      const slowClient = await signedIn(busy.url, DEMO.civil);
      const slowName = (await slowClient.get('/api/v1/me')).body.name as string;
      const slow = await connect(busy.url, slowClient.cookieHeader());
      const roomId = (await findRoom(writer, openNamedRoom)).id;
      const presence: string[][] = [];
      healthy.socket.on('presence', (p: { participants: { name?: string }[] }) => presence.push(p.participants.map((x) => x.name ?? '')));
      await healthy.call('subscribe', { channel: `thread:${roomId}` });
      await slow.call('subscribe', { channel: `thread:${roomId}` });
      await until(() => presence.at(-1)?.includes(slowName) ?? false, 'the slow reader at the table');

      // Stop reading at the TCP level: everything sent to this socket piles up on the server.
      const raw = (slow.socket.io.engine.transport as unknown as { ws: { _socket: net.Socket } }).ws._socket;
      raw.pause();
      const body = 'Long statement. '.repeat(240);
      let sent = 0;
      while (!presence.at(-1)?.every((name) => name !== slowName) && sent < 5000) {
        const response = await writer.post(`/api/v1/threads/${roomId}/messages`, { body: `${sent} ${body}` });
        expect(response.status).toBe(201);
        sent++;
      }
      expect(presence.at(-1)).not.toContain(slowName);
      await healthy.waitFor((events) => events.filter((e) => e.type === 'message.created').length === sent, 15_000);
      expect(healthy.socket.connected).toBe(true);
      raw.resume();
      healthy.close();
      slow.close();
    } finally {
      await busy.stop();
    }
  });
});
