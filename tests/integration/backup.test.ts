import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signedIn, type Client } from '../helpers/client';
import { startServer, type TestServer } from '../helpers/server';
import { findRoom, openNamedRoom } from '../helpers/demo';
import { until } from '../helpers/wait';
import { startWriteLoad } from '../helpers/write-load';

const ROOT = path.resolve(import.meta.dirname, '../..');
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_MESSAGES: '1000000' } });
});
afterAll(async () => {
  await server?.stop();
});

function npmRun(script: 'backup' | 'restore', file: string) {
  return spawnSync('npx', ['tsx', `scripts/${script}.ts`, file], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: server.dbPath },
    encoding: 'utf8',
  });
}

describe('backup and restore', () => {
  it(
    'takes a consistent online copy under write load that restores with every write acknowledged before it began',
    { timeout: 120_000 },
    async () => {
      const authors: Client[] = await Promise.all([DEMO.expert, DEMO.civil].map((e) => signedIn(server.url, e)));
      const delegates = await Promise.all(
        (['kz', 'uz'] as const).map(async (k) => ({ client: await signedIn(server.url, DEMO[k]), state: k.toUpperCase() })),
      );
      const room = await findRoom(authors[0], openNamedRoom);
      const initiatives = (
        await server.query<{ id: number }>(
          'SELECT initiative_id AS id FROM stances WHERE state_code = ? AND initiative_id IN (SELECT initiative_id FROM stances WHERE state_code = ?) AND initiative_id IN (SELECT id FROM initiatives WHERE thread_id = ?)',
          'KZ',
          'UZ',
          room.id,
        )
      ).map((r) => r.id);
      expect(initiatives.length).toBeGreaterThan(0);
      let stop!: () => void;
      const load = startWriteLoad({
        url: server.url,
        tag: 'backup',
        writers: 20,
        authors,
        delegates,
        initiatives,
        threadId: room.id,
        stop: new Promise<void>((resolve) => (stop = resolve)),
      });
      await until(() => load.acknowledged.length >= 100, 'a hundred acknowledged writes before the backup');
      // What had been acknowledged when the backup began.
      const before = load.acknowledged.slice();
      expect(before.length).toBeGreaterThan(0);
      const file = path.join(server.dir, 'backup.db');
      const backup = npmRun('backup', file);
      expect(backup.status, backup.stderr).toBe(0);
      expect(backup.stdout).toContain('integrity ok');
      await until(() => load.acknowledged.length >= before.length + 100, 'a hundred more writes after the backup');
      stop();
      await load.done;
      expect(load.acknowledged.length).toBeGreaterThan(before.length);

      // Restoring needs the server stopped.
      const refused = npmRun('restore', file);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('stop it');

      await server.stop();
      const restore = npmRun('restore', file);
      expect(restore.status, restore.stderr).toBe(0);
      await server.restart();
      expect(await server.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      for (const op of before) {
        const found =
          op.kind === 'api-stance'
            ? (await server.query<{ n: number }>(`SELECT COUNT(*) AS n FROM events WHERE json_extract(payload, '$.note') = ?`, op.text))[0]
                .n
            : (await server.query<{ n: number }>('SELECT COUNT(*) AS n FROM messages WHERE body = ?', op.text))[0].n;
        expect(found, op.opId).toBe(1);
      }
      // The restored server serves: a new write lands after the restored history.
      const client = await signedIn(server.url, DEMO.kz);
      expect((await client.post(`/api/v1/threads/${room.id}/messages`, { body: 'After the restore' })).status).toBe(201);
    },
  );
});
