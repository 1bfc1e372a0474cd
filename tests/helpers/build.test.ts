import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleBuildReason } from './build';

/** A throwaway tree shaped like the repository: a build and its sources, with chosen times. */
function tree(files: Record<string, number>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chaikhana-build-'));
  for (const [file, secondsAgo] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), '');
    const at = new Date(Date.now() - secondsAgo * 1000);
    fs.utimesSync(path.join(root, file), at, at);
  }
  return root;
}

describe('the stale-build guard of the test helpers', () => {
  it('accepts a build newer than every source, ignoring test files', () => {
    const root = tree({ '.next/BUILD_ID': 10, 'dist/server.mjs': 10, 'lib/a.ts': 60, 'server.ts': 60, 'lib/a.test.ts': 1 });
    expect(staleBuildReason(root)).toBeNull();
  });

  it('refuses a Next build older than a page, a component or a library file', () => {
    for (const source of ['app/page.tsx', 'components/x.tsx', 'lib/deep/b.ts', 'proxy.ts', 'messages/en.json']) {
      const root = tree({ '.next/BUILD_ID': 30, 'dist/server.mjs': 30, [source]: 1 });
      expect(staleBuildReason(root), source).toContain(`.next/BUILD_ID is older than ${source}`);
    }
  });

  it('refuses a server bundle older than server.ts even when Next was rebuilt', () => {
    const root = tree({ '.next/BUILD_ID': 1, 'dist/server.mjs': 60, 'server.ts': 30 });
    expect(staleBuildReason(root)).toContain('dist/server.mjs is older than server.ts');
  });

  it('refuses a missing build', () => {
    expect(staleBuildReason(tree({ 'dist/server.mjs': 1 }))).toContain('.next/BUILD_ID is missing');
    expect(staleBuildReason(tree({ '.next/BUILD_ID': 1 }))).toContain('dist/server.mjs is missing');
  });
});
