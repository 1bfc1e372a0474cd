import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './project-root';

/**
 * Files at rest: the database (with its WAL and shared-memory files), the generated secret and
 * backups are readable by their owner only. A process that writes them first sets its umask, so
 * every file it creates is 0600 and every folder 0700; this also tightens what an earlier version
 * left behind.
 */
export function restrictNewFiles(): void {
  process.umask(0o077);
}

/** Creates the database's folder (0700) and makes the database's own files 0600. */
export function secureDataFolder(database: string): void {
  const folder = path.dirname(database);
  const created = !fs.existsSync(folder);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  // Only a folder that is ours alone is tightened: DATABASE_PATH may point into a shared one.
  if (created || folder === path.join(projectRoot(), 'data')) fs.chmodSync(folder, 0o700);
  else if ((fs.statSync(folder).mode & 0o077) !== 0) {
    console.warn(`Warning: the data folder ${folder} is open to other users; consider chmod 700.`);
  }
  for (const suffix of ['', '-wal', '-shm', '.server-pid']) protectFile(database + suffix);
  protectFile(path.join(folder, 'nextauth-secret'));
}

export function protectFile(file: string): void {
  try {
    fs.chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
