import { database, type Db } from '../../db/client';

/**
 * Runs several reads on one consistent snapshot, so a page and the last event id it carries
 * describe the same moment.
 */
export function readSnapshot<T>(read: (db: Db) => Promise<T>): Promise<T> {
  return database().snapshot(read);
}
