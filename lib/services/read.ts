import { sqlite } from '../../db/client';

/**
 * Runs several reads on one consistent snapshot (a deferred transaction in WAL mode), so a page
 * and the last event id it carries describe the same moment.
 */
export function readSnapshot<T>(read: () => T): T {
  const connection = sqlite();
  if (connection.inTransaction) return read();
  return connection.transaction(read).deferred();
}
