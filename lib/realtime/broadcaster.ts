import { sql } from 'drizzle-orm';
import { db } from '../../db/client';
import { toPublicEvent, type EventRow } from '../events/public';
import { EVERYONE_OUTSIDE_ROOMS } from '../events/visibility';
import { ROOM_ONLY_EVENT_TYPES } from './channels';
import type { Io } from './context';
import { rooms } from './rooms';

export interface LogRow extends EventRow {
  subjectId: number | null;
  visibility: 'open' | 'discreet' | null;
}

const BATCH = 500;

/**
 * Sends committed events from the log, in id order, each to this process's sockets that may see
 * it. Every process tails the same log (the database is the source of truth; ids are in commit
 * order), so a socket on any process receives every event once, whichever process wrote it.
 * Visibility is decided once per event (sockets join only rooms they may see), never per socket.
 */
export class Broadcaster {
  /** The last event emitted: a subscriber's replay ends here and live delivery continues after it. */
  cursor = 0;
  private fetchedUpTo = 0;
  private readonly queue: LogRow[] = [];
  private scheduled = false;
  private fetching = false;
  /** New commits may be in the log beyond what was fetched. */
  private dirty = false;
  /** Subscribers replaying up to the cursor: nothing is emitted until they have joined. */
  private holds = 0;
  /** The database stopped answering (said once, not every second). */
  private waiting = false;

  /**
   * Starts at `logEnd`, the end of the log read before any socket could connect (`Broadcaster.logEnd`):
   * what is there is history, served by replays. Read later, a socket subscribing in between would
   * replay up to a cursor of 0 and then never receive the events between its `since` and the end.
   */
  constructor(
    private readonly io: Io,
    private readonly hooks: { beforeEmit(event: LogRow): void },
    logEnd: number,
  ) {
    this.cursor = this.fetchedUpTo = logEnd;
    // Anything committed since the end was read.
    this.schedule();
  }

  static async logEnd(): Promise<number> {
    return (await db().get<{ id: number }>(sql`SELECT COALESCE(MAX(id), 0) AS id FROM events`))!.id;
  }

  /** Called after every local commit and on every other process's NOTIFY; the commits of one tick are read together. */
  schedule(): void {
    this.dirty = true;
    this.wake();
  }

  /**
   * A subscriber replays the log up to the cursor, then joins its rooms: while it does, the
   * cursor stays put, so replay and live delivery meet with no gap and no duplicate.
   */
  async replayThenJoin<T>(replay: (upTo: number) => Promise<T>): Promise<T> {
    this.holds++;
    try {
      return await replay(this.cursor);
    } finally {
      this.holds--;
      this.wake();
    }
  }

  private wake(): void {
    if (this.scheduled || this.holds > 0) return;
    this.scheduled = true;
    setImmediate(() => void this.step());
  }

  /**
   * Emits one event per macrotask: a broadcast to thousands of sockets blocks the loop for
   * milliseconds, and requests get their turn between two broadcasts rather than after a batch.
   */
  private async step(): Promise<void> {
    this.scheduled = false;
    if (this.holds > 0) return;
    if (this.queue.length === 0 && this.dirty && !this.fetching) {
      this.dirty = false;
      this.fetching = true;
      try {
        const rows = await db().all<LogRow>(
          sql`SELECT e.id, e.type, e.thread_id AS "threadId", e.initiative_id AS "initiativeId", e.subject_id AS "subjectId",
                     e.actor, e.payload, e.created_at AS "createdAt", t.visibility
              FROM events e LEFT JOIN threads t ON t.id = e.thread_id
              WHERE e.id > ${this.fetchedUpTo} ORDER BY e.id LIMIT ${BATCH}`,
        );
        if (this.waiting) console.log('Live delivery resumed: the database answers again');
        this.waiting = false;
        if (rows.length) this.fetchedUpTo = rows[rows.length - 1].id;
        if (rows.length === BATCH) this.dirty = true;
        this.queue.push(...rows);
      } catch (error) {
        // The database is away: try again shortly (its NOTIFY will not come for what we missed).
        if (!this.waiting) console.error(`Live delivery is waiting for the database: ${error instanceof Error ? error.message : error}`);
        this.waiting = true;
        this.dirty = true;
        setTimeout(() => this.wake(), 1000);
        return;
      } finally {
        this.fetching = false;
      }
      if (this.holds > 0) return;
    }
    const row = this.queue.shift();
    if (row) {
      this.hooks.beforeEmit(row);
      const targets = audience(row);
      // Only this process's sockets: every process emits the log to its own.
      if (targets.length) this.io.local.to(targets).emit('event', toPublicEvent(row));
      this.cursor = row.id;
    }
    if (this.queue.length > 0 || this.dirty) this.wake();
  }
}

/** The socket.io rooms an event goes to; one emit to all of them reaches each socket once. */
export function audience(row: Pick<LogRow, 'type' | 'threadId' | 'subjectId' | 'visibility'>): string[] {
  const dashboard = !ROOM_ONLY_EVENT_TYPES.has(row.type);
  if (row.threadId !== null) {
    const targets = [rooms.thread(row.threadId)];
    if (dashboard) targets.push(row.visibility === 'open' ? rooms.dashboard : rooms.dashboardDiscreet(row.threadId));
    return targets;
  }
  if (EVERYONE_OUTSIDE_ROOMS.has(row.type)) return [rooms.dashboard];
  const targets = [rooms.dashboardFacilitators];
  if (row.subjectId !== null) targets.push(rooms.dashboardSubject(row.subjectId));
  return targets;
}
