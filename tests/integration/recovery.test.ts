import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient } from '../../components/live/live-client';
import type { PublicEvent } from '../../lib/events/types';
import { signInAll, type Client, type DemoKey } from '../helpers/client';
import { startServer, type TestServer } from '../helpers/server';
import { findRoom, openNamedRoom } from '../helpers/demo';
import { elapse, until } from '../helpers/wait';

/**
 * The browser's own LiveClient, run in Node against the real server: whatever happens to the
 * connection or the server, the events a page receives on a channel equal the log's visible
 * events after its `since` — no gap, no duplicate, no reordering.
 */
let server: TestServer;
let as: Record<DemoKey, Client>;
/** An open, named room of the demo (looked up, not assumed). */
let roomId: number;

beforeAll(async () => {
  server = await startServer();
  as = await signInAll(server.url);
  roomId = (await findRoom(as.facilitator, openNamedRoom)).id;
});
afterAll(async () => {
  await server?.stop();
});

const ROOM_ONLY = new Set(['message.created', 'member.added', 'member.removed']);
const lastId = async () => (await server.query<{ id: number }>('SELECT MAX(id) AS id FROM events'))[0].id;

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
          { position: positions[i % 4], note: `Reason ${i}` },
          { 'idempotency-key': key },
        );
        if (response.status === 200) break;
      } catch {
        // the server is down: retry the same operation
      }
      await elapse(100);
    }
    await onEach?.(i);
  }
}

/** The ids a watcher received up to the marker (the marker's own status change may follow it). */
const upTo = (last: number, received: PublicEvent[]) => received.map((e) => e.id).filter((id) => id <= last);

/**
 * Writes one more stance change (visible on the dashboard and in its room) and waits until every
 * watcher has it: whatever a watcher was sent before is then in its list, duplicates included.
 */
async function marker(initiativeId: number, watchers: { received: PublicEvent[] }[]): Promise<number> {
  await writeStances(1, initiativeId);
  const id = (
    await server.query<{ id: number }>(`SELECT MAX(id) AS id FROM events WHERE type = 'stance.changed' AND initiative_id = ?`, initiativeId)
  )[0].id;
  await until(() => watchers.every((w) => w.received.some((e) => e.id === id)), 'the marker event', 20_000);
  return id;
}

describe('gap-free recovery', () => {
  it('after a dropped connection with changes in between', async () => {
    const initiative = (
      await as.kz.post(`/api/v1/threads/${roomId}/initiatives`, { title: 'Recovery A', summary: '', states: ['KZ', 'UZ'] })
    ).body;
    const since = await lastId();
    const { live, received, stop } = watch(as.expert, 'dashboard', since);
    await until(() => live.connected, 'the live page to connect');
    await writeStances(3, initiative.id);
    await until(() => received.length >= 3, 'three stance changes');

    live.simulateDrop();
    await writeStances(5, initiative.id);
    await as.uz.put(`/api/v1/initiatives/${initiative.id}/stances/UZ`, { position: 'endorse' });
    await until(() => live.connected, 'the live page to reconnect');
    await writeStances(2, initiative.id);

    const last = await marker(initiative.id, [{ received }]);
    expect(upTo(last, received)).toEqual((await expectedDashboardIds(as.expert, since)).filter((id) => id <= last));
    stop();
    live.close();
  });

  for (const how of ['graceful restart', 'kill -9'] as const) {
    it(`across a server ${how}, with writes before, during and after`, async () => {
      const initiative = (
        await as.kz.post(`/api/v1/threads/${roomId}/initiatives`, { title: `Recovery ${how}`, summary: '', states: ['KZ', 'UZ'] })
      ).body;
      const since = await lastId();
      const dashboard = watch(as.expert, 'dashboard', since);
      const room = watch(as.kg, `thread:${roomId}`, since);
      await until(() => dashboard.live.connected && room.live.connected, 'the live pages to connect');

      await writeStances(12, initiative.id, async (i) => {
        if (i !== 4) return;
        // Crash or stop while writes keep coming; the writer retries until the server is back.
        const restart = (async () => {
          if (how === 'kill -9') await server.kill();
          else await server.stop();
          await elapse(300); // down for a while, as writes keep coming
          await server.restart();
        })();
        await elapse(50);
        void restart;
      });
      await until(() => dashboard.live.connected && room.live.connected, 'the live pages to reconnect', 30_000);
      await as.kz.post(`/api/v1/threads/${roomId}/messages`, { body: `After the ${how}` });

      const last = await marker(initiative.id, [dashboard, room]);
      const expected = (await expectedDashboardIds(as.expert, since)).filter((id) => id <= last);
      const roomExpected = (
        await server.query<{ id: number }>(
          'SELECT id FROM events WHERE thread_id = ? AND id > ? AND id <= ? ORDER BY id',
          roomId,
          since,
          last,
        )
      ).map((r) => r.id);
      expect(upTo(last, dashboard.received)).toEqual(expected);
      expect(upTo(last, room.received)).toEqual(roomExpected);
      // Every write happened exactly once, whatever the crash did to its first attempt.
      const changes = (
        await server.query('SELECT COUNT(*) AS n FROM events WHERE initiative_id = ? AND type = ?', initiative.id, 'stance.changed')
      )[0].n;
      expect(changes).toBe(13); // twelve writes and the marker
      for (const watcher of [dashboard, room]) {
        watcher.stop();
        watcher.live.close();
      }
    });
  }
});
