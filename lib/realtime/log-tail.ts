import pg from 'pg';
import { dialect } from '../../db/dialect';
import { readEnv } from '../env';
import { EVENTS_CHANNEL } from '../events/append';
import type { Broadcaster } from './broadcaster';

const POLL_MS = 1000;
const RECONNECT_MS = 1000;

/**
 * Wakes the broadcaster when another process commits events. On PostgreSQL: LISTEN on the
 * channel the appending transaction NOTIFYs (delivered at its commit), with a poll every second
 * as the fallback for a notification lost while the listening connection was down. On SQLite the
 * only writer is this process, which wakes the broadcaster itself after each commit.
 */
export function startLogTail(broadcaster: Broadcaster): () => Promise<void> {
  if (dialect() !== 'postgres') return async () => {};
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  const reconnectLater = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void listen();
    }, RECONNECT_MS);
  };
  const listen = async () => {
    const next = new pg.Client({ connectionString: readEnv().DATABASE_URL });
    next.on('notification', () => broadcaster.schedule());
    next.on('error', () => {});
    next.on('end', () => {
      if (client === next) client = null;
      reconnectLater();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${EVENTS_CHANNEL}`);
      client = next;
      // Whatever was committed while we were not listening.
      broadcaster.schedule();
    } catch {
      await next.end().catch(() => {});
      reconnectLater();
    }
  };
  void listen();
  const poll = setInterval(() => broadcaster.schedule(), POLL_MS);
  poll.unref();

  return async () => {
    stopped = true;
    clearInterval(poll);
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
