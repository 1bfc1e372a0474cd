import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient } from '../../components/live/live-client';
import type { PublicEvent } from '../../lib/events/types';
import { signInAll, type Client, type DemoKey } from '../helpers/client';
import { startServer, type TestServer } from '../helpers/server';
import { elapse as sleep } from '../helpers/wait';

/**
 * The browser's own LiveClient, run in Node against the real server: whatever happens to the
 * connection or the server, the events a page receives on a channel equal the log's visible
 * events after its `since` — no gap, no duplicate, no reordering.
 */
let server: TestServer;
let as: Record<DemoKey, Client>;

beforeAll(async () => {
  server = await startServer();
  as = await signInAll(server.url);
});
afterAll(async () => {
  await server?.stop();
});

const ROOM_ONLY = new Set(['message.created', 'member.added', 'member.removed']);
const lastId = () => server.query<{ id: number }>('SELECT MAX(id) AS id FROM events')[0].id;

/** What the log says this participant should have received on the dashboard after `since`. */
async function expectedDashboardIds(client: Client, since: number): Promise<number[]> {
  const all: number[] = [];
  let cursor = since;
  for (;;) {
    const page = await client.get(`/api/v1/events?since=${cursor}&limit=1000`);
    all.push(...page.body.items.filter((e: PublicEvent) => !ROOM_ONLY.has(e.type)).map((e: PublicEvent) => e.id));
    if (!page.body.next) return all;
    cursor = Number(page.body.next);
  }
}

function watch(client: Client, channel: string, since: number) {
  const live = new LiveClient({ url: server.url, extraHeaders: { cookie: client.cookieHeader() }, reconnectionDelay: 100 });
  const received: PublicEvent[] = [];
  const stop = live.join(channel, since, (event) => received.push(event));
  return { live, received, stop };
}

/** Writes stance changes one after another; a write that fails in a crash is retried with its key. */
async function writeStances(count: number, initiativeId: number, onEach?: (i: number) => Promise<void>) {
  const positions = ['endorse', 'reservation', 'pending', 'step_aside'];
  for (let i = 0; i < count; i++) {
    const key = `recovery-${initiativeId}-${i}-${Math.random().toString(36).slice(2, 8)}`;
    for (;;) {
      try {
        const response = await as.kz.put(
          `/api/v1/initiatives/${initiativeId}/stances/KZ`,
          { position: positions[i % 4] },
          { 'idempotency-key': key },
        );
        if (response.status === 200) break;
      } catch {
        // the server is down: retry the same operation
      }
      await sleep(100);
    }
    await onEach?.(i);
  }
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(50);
  }
}

describe('gap-free recovery', () => {
  it('after a dropped connection with changes in between', async () => {
    const initiative = (await as.kz.post('/api/v1/threads/1/initiatives', { title: 'Recovery A', summary: '', states: ['KZ', 'UZ'] })).body;
    const since = lastId();
    const { live, received, stop } = watch(as.expert, 'dashboard', since);
    await until(() => live.connected);
    await writeStances(3, initiative.id);
    await until(() => received.length >= 3);

    live.simulateDrop();
    await writeStances(5, initiative.id);
    await as.uz.put(`/api/v1/initiatives/${initiative.id}/stances/UZ`, { position: 'endorse' });
    await until(() => live.connected);
    await writeStances(2, initiative.id);

    const expected = await expectedDashboardIds(as.expert, since);
    await until(() => received.length >= expected.length);
    await sleep(200);
    expect(received.map((e) => e.id)).toEqual(expected);
    stop();
    live.close();
  });

  for (const how of ['graceful restart', 'kill -9'] as const) {
    it(`across a server ${how}, with writes before, during and after`, async () => {
      const initiative = (
        await as.kz.post('/api/v1/threads/1/initiatives', { title: `Recovery ${how}`, summary: '', states: ['KZ', 'UZ'] })
      ).body;
      const since = lastId();
      const dashboard = watch(as.expert, 'dashboard', since);
      const room = watch(as.kg, 'thread:1', since);
      await until(() => dashboard.live.connected && room.live.connected);

      await writeStances(12, initiative.id, async (i) => {
        if (i !== 4) return;
        // Crash or stop while writes keep coming; the writer retries until the server is back.
        const restart = (async () => {
          if (how === 'kill -9') await server.kill();
          else await server.stop();
          await sleep(300);
          await server.restart();
        })();
        await sleep(50);
        void restart;
      });
      await until(() => dashboard.live.connected && room.live.connected, 30_000);
      await as.kz.post('/api/v1/threads/1/messages', { body: `After the ${how}` });

      const expected = await expectedDashboardIds(as.expert, since);
      const roomExpected = server
        .query<{ id: number }>('SELECT id FROM events WHERE thread_id = 1 AND id > ? ORDER BY id', since)
        .map((r) => r.id);
      await until(() => dashboard.received.length >= expected.length && room.received.length >= roomExpected.length, 20_000);
      await sleep(300);
      expect(dashboard.received.map((e) => e.id)).toEqual(expected);
      expect(room.received.map((e) => e.id)).toEqual(roomExpected);
      // Every write happened exactly once, whatever the crash did to its first attempt.
      const changes = server.query(
        'SELECT COUNT(*) AS n FROM events WHERE initiative_id = ? AND type = ?',
        initiative.id,
        'stance.changed',
      )[0].n;
      expect(changes).toBe(12);
      for (const watcher of [dashboard, room]) {
        watcher.stop();
        watcher.live.close();
      }
    });
  }
});
