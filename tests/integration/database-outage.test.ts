import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn } from '../helpers/client';
import { freshDatabase, startTestPostgres, type TestPostgres } from '../helpers/postgres';
import { startServer, type TestServer } from '../helpers/server';
import { connect } from '../helpers/socket';
import { elapse, until } from '../helpers/wait';

/**
 * A PostgreSQL server of this suite's own (so stopping it disturbs no other suite): a node whose
 * database goes away keeps its sockets, answers writes with 503 in the error shape, and carries
 * on by itself when the database comes back; a database that cannot be reached at start is one
 * clear sentence, not a stack trace.
 */
let postgres: TestPostgres;
let server: TestServer;

beforeAll(async () => {
  const own = await startTestPostgres({ embedded: true });
  postgres = own;
  server = await startServer({ env: { DATABASE_URL: await freshDatabase(own.adminUrl) } });
});
afterAll(async () => {
  await server?.stop();
  await postgres?.stop();
});

describe('the database goes away and comes back', () => {
  it('keeps the sockets, refuses writes with 503, and recovers without a restart', async () => {
    const writer = await signedIn(server.url, DEMO.expert);
    const reader = await signedIn(server.url, DEMO.kz);
    const room = (await writer.get('/api/v1/threads?limit=100')).body.items.find((r: { visibility: string }) => r.visibility === 'open').id;
    const live = await connect(server.url, reader.cookieHeader());
    expect((await live.call('subscribe', { channel: `thread:${room}` })).ok).toBe(true);

    await postgres.pause!();
    const refused = await writer.post(`/api/v1/threads/${room}/messages`, { body: 'while the database is away' });
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
    expect((await new Client(server.url).get('/api/health')).status).toBe(503);
    await elapse(2500); // the outage lasts: the socket must outlive it
    expect(live.socket.connected).toBe(true);

    await postgres.resume!();
    await until(
      async () => (await writer.post(`/api/v1/threads/${room}/messages`, { body: 'back again' })).status === 201,
      'a write to succeed',
      20_000,
      200,
    );
    await live.waitFor((events) => events.some((e) => e.type === 'message.created'), 10_000);
    expect(live.socket.connected).toBe(true);
    expect((await new Client(server.url).get('/api/health')).body).toEqual({ status: 'ok', database: 'postgres' });
    live.close();
  });
});

describe('a database that cannot be reached at start', () => {
  it('ends the process with one sentence naming the host, the database and the error', async () => {
    const failure = await startServer({ env: { DATABASE_URL: 'postgres://chaikhana:secret@127.0.0.1:9/nowhere' } }).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/Server exited with 1/);
    expect(failure).toMatch(/Cannot use PostgreSQL at 127\.0\.0\.1:9, database "nowhere": .*ECONNREFUSED/);
    expect(failure).not.toMatch(/\n\s+at /);
  });
});
