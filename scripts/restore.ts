// npm run restore -- FILE: brings a backup back as the database (stop the server first).
// The backup is checked, copied in with SQLite's backup API and the old WAL files are removed.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { databasePath } from '../lib/env';
import { runningServer } from '../lib/server-lock';

const source = process.argv[2] && path.resolve(process.argv[2]);
if (!source || !fs.existsSync(source)) {
  console.error('Usage: npm run restore -- FILE (an existing backup)');
  process.exit(2);
}
const target = databasePath();
const running = runningServer(target);
if (running) {
  console.error(`A server (pid ${running}) is using ${target}: stop it, then restore.`);
  process.exit(1);
}
const backup = new Database(source, { readonly: true, fileMustExist: true });
const [{ integrity_check: integrity }] = backup.pragma('integrity_check') as { integrity_check: string }[];
if (integrity !== 'ok') {
  console.error(`The backup fails its integrity check: ${integrity}`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
const staging = `${target}.restoring`;
fs.rmSync(staging, { force: true });
await backup.backup(staging);
backup.close();
for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
fs.renameSync(staging, target);
console.log(`Restored ${source} → ${target}`);
