import { prepared, sqlite } from '../../db/client';
import type { Viewer } from '../access/viewer';
import { now } from '../clock';
import { notifyCommitted } from '../realtime/hooks';

export interface WriteOptions {
  /** A client operation id: a retried write returns the first result instead of applying again. */
  operation?: { viewer: Viewer; opId: string };
}

/**
 * Runs a change and its events in one `BEGIN IMMEDIATE` transaction (read-then-write without a
 * lock upgrade failure), then tells the realtime layer. `change` must be synchronous.
 */
export function write<T>(change: () => T, options: WriteOptions = {}): T {
  const connection = sqlite();
  const run = connection.transaction((): T => {
    const op = options.operation;
    if (op) {
      const previous = prepared('SELECT result FROM operations WHERE participant_id = ? AND op_id = ?').get(op.viewer.id, op.opId) as
        { result: string } | undefined;
      if (previous) return JSON.parse(previous.result) as T;
    }
    const result = change();
    if (op) {
      prepared('INSERT INTO operations (participant_id, op_id, result, created_at) VALUES (?, ?, ?, ?)').run(
        op.viewer.id,
        op.opId,
        JSON.stringify(result ?? null),
        now(),
      );
    }
    return result;
  });
  const result = run.immediate();
  notifyCommitted();
  return result;
}
