// npm run backup -- FILE: a consistent online copy of the database while the server serves writes
// (SQLite's online backup API, page by page), then checked with PRAGMA integrity_check.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { restrictNewFiles } from '../lib/data-folder';
import { databasePath } from '../lib/env';

const target = process.argv[2];
if (!target) {
  console.error('Usage: npm run backup -- FILE');
  process.exit(2);
}
// The copy holds password hashes and discreet rooms: readable by its owner only.
restrictNewFiles();
const source = databasePath();
if (!fs.existsSync(source)) {
  console.error(`No database at ${source}`);
  process.exit(1);
}
const destination = path.resolve(target);
fs.mkdirSync(path.dirname(destination), { recursive: true });
const started = Date.now();
const db = new Database(source, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const { lastEvent } = db.prepare('SELECT COALESCE(MAX(id), 0) AS lastEvent FROM events').get() as { lastEvent: number };
await db.backup(destination, { progress: () => 500 });
db.close();
const copy = new Database(destination, { readonly: true });
const [{ integrity_check: integrity }] = copy.pragma('integrity_check') as { integrity_check: string }[];
const { events } = copy.prepare('SELECT COALESCE(MAX(id), 0) AS events FROM events').get() as { events: number };
copy.close();
if (integrity !== 'ok') {
  console.error(`Backup written to ${destination} but its integrity check says: ${integrity}`);
  process.exit(1);
}
console.log(
  `Backup of ${source} → ${destination}: integrity ok, events up to #${events} (≥ #${lastEvent} when it began), ${Date.now() - started} ms`,
);
