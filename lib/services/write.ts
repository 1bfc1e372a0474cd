import { sql } from 'drizzle-orm';
import { database, type Db } from '../../db/client';
import type { Viewer } from '../access/viewer';
import { now } from '../clock';
import { flushEvents, type NewEventRow } from '../events/append';
import { notifyCommitted, notifyNotifications } from '../realtime/hooks';
import { storeNotices, type StoredNotification } from './notifications/store';
import { noticesForEvents, type Notice } from './notifications/triggers';
import { flushTotals, type TotalsChanges } from './dashboard/totals';

export interface WriteOptions {
  /** A client operation id: a retried write returns the first result instead of applying again. */
  operation?: { viewer: Viewer; opId: string };
}

/**
 * A write transaction, and what it leaves to its end: the events it appends and the dashboard
 * counts it moves are written last, in one fixed order (counts by bucket, then events), so
 * concurrent writers on PostgreSQL never lock shared rows in opposite orders, and the event
 * counter is held only from the append to the commit.
 */
export interface WriteTx extends Db {
  readonly pending: { events: NewEventRow[]; totals: TotalsChanges; notices: Notice[] };
}

/**
 * Runs a change and its events in one transaction (on SQLite one writer at a time, on PostgreSQL
 * a pooled client of its own, run again after a deadlock), then tells the realtime layer.
 */
export async function write<T>(change: (tx: WriteTx) => Promise<T>, options: WriteOptions = {}): Promise<T> {
  let notified: StoredNotification[] = [];
  const result = await database().transaction(async (db) => {
    notified = [];
    const tx: WriteTx = Object.assign(Object.create(db) as Db, {
      pending: { events: [], totals: { buckets: new Map(), weeks: new Map() }, notices: [] },
    });
    const op = options.operation;
    if (op) {
      const previous = await tx.get<{ result: string }>(
        sql`SELECT result FROM operations WHERE participant_id = ${op.viewer.id} AND op_id = ${op.opId}`,
      );
      if (previous) return JSON.parse(previous.result) as T;
    }
    const value = await change(tx);
    if (op) {
      await tx.run(
        sql`INSERT INTO operations (participant_id, op_id, result, created_at) VALUES (${op.viewer.id}, ${op.opId}, ${JSON.stringify(value ?? null)}, ${now()})`,
      );
    }
    const notices = [...tx.pending.notices, ...(await noticesForEvents(tx, tx.pending.events))];
    if (notices.length) notified = await storeNotices(tx, notices);
    await flushTotals(tx, tx.pending.totals);
    await flushEvents(tx, tx.pending.events);
    return value;
  });
  notifyCommitted();
  if (notified.length) notifyNotifications(notified);
  return result;
}

/**
 * Runs part of a write transaction that may fail on its own: on failure its statements, events
 * and counts are undone and the rest of the transaction goes on (the caller records the failure
 * in the same commit).
 */
export async function attempt<T>(tx: WriteTx, body: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  const events = tx.pending.events.length;
  const notices = tx.pending.notices.length;
  const buckets = new Map(tx.pending.totals.buckets);
  const weeks = new Map(tx.pending.totals.weeks);
  await tx.run(sql`SAVEPOINT attempt`);
  try {
    const value = await body();
    await tx.run(sql`RELEASE SAVEPOINT attempt`);
    return { ok: true, value };
  } catch (error) {
    await tx.run(sql`ROLLBACK TO SAVEPOINT attempt`);
    tx.pending.events.length = events;
    tx.pending.notices.length = notices;
    tx.pending.totals.buckets = buckets;
    tx.pending.totals.weeks = weeks;
    return { ok: false, error };
  }
}
