import fs from 'node:fs';

/**
 * A pid file beside the database while a server uses it, so maintenance commands (restore) can
 * refuse to pull the file from under a running server. A stale file (crashed server) is ignored.
 */
const lockFile = (database: string) => `${database}.server-pid`;

export function claimServerLock(database: string): () => void {
  fs.writeFileSync(lockFile(database), String(process.pid));
  return () => fs.rmSync(lockFile(database), { force: true });
}

/** The pid of a live server using this database, or null. */
export function runningServer(database: string): number | null {
  try {
    const pid = Number(fs.readFileSync(lockFile(database), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}
