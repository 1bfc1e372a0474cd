import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Client } from '../helpers/client';
import { startServer } from '../helpers/server';

/** SQLite only: the database is a file on this machine, and so are its backups. */
describe('files at rest', () => {
  it('keeps the data folder 0700 and the database, its WAL, the secret and backups 0600', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chaikhana-modes-'));
    fs.chmodSync(root, 0o755);
    const fresh = await startServer({ dbPath: path.join(root, 'data', 'chaikhana.db'), demo: false });
    try {
      await new Client(fresh.url).post('/api/v1/register', {
        name: 'First',
        email: 'first@example.org',
        password: 'a-long-enough-password',
        affiliation: 'expert',
      });
      const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);
      expect(mode(path.join(root, 'data'))).toBe('700');
      for (const file of ['chaikhana.db', 'chaikhana.db-wal', 'chaikhana.db-shm', 'nextauth-secret']) {
        expect([file, mode(path.join(root, 'data', file))]).toEqual([file, '600']);
      }
      const backup = path.join(root, 'backups', 'copy.db');
      const { execFileSync } = await import('node:child_process');
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', backup], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: { ...process.env, DATABASE_PATH: fresh.dbPath },
        stdio: 'pipe',
      });
      expect(mode(backup)).toBe('600');
      expect(mode(path.dirname(backup))).toBe('700');
    } finally {
      await fresh.stop();
    }
  });
});
