import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { projectRoot } from '../lib/project-root';
import type { SqliteDatabase } from './sqlite/database';

/**
 * Moves WAL checkpoints off the request path: a worker thread checkpoints every `intervalMs` on its
 * own connection, and the main connection only checkpoints itself as a safety net past ~40 MB of WAL.
 */
export function startCheckpointer(database: SqliteDatabase, intervalMs = 250): { stop(): Promise<void> } {
  const connection = database.writeConnection;
  connection.pragma('wal_autocheckpoint = 10000');
  const worker = new Worker(path.join(projectRoot(), 'db', 'checkpoint-worker.mjs'), { workerData: { file: connection.name, intervalMs } });
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        const timeout = setTimeout(() => void worker.terminate().then(() => resolve()), 2000);
        worker.once('message', () => {
          clearTimeout(timeout);
          resolve();
        });
        worker.once('error', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
