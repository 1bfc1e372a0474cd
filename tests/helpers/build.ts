import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The production build the tests run against, and the sources each part is made from. Next's build
 * (`.next`) compiles the pages, the proxy and everything they import; esbuild's bundle
 * (`dist/server.mjs`) the custom server, the API and the socket layer.
 */
const ARTIFACTS = [
  {
    file: '.next/BUILD_ID',
    sources: ['app', 'components', 'lib', 'db', 'i18n', 'messages', 'types', 'proxy.ts', 'next.config.js', 'tsconfig.json', 'package.json'],
  },
  { file: 'dist/server.mjs', sources: ['server.ts', 'lib', 'db', 'package.json'] },
];

/** Test files are not part of the build. */
const isSource = (file: string) => !/\.test\.tsx?$/.test(file);

function newestSource(root: string, entry: string): { file: string; mtimeMs: number } | null {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return null;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return isSource(full) ? { file: entry, mtimeMs: stat.mtimeMs } : null;
  let newest: { file: string; mtimeMs: number } | null = null;
  for (const child of fs.readdirSync(full)) {
    const found = newestSource(root, path.join(entry, child));
    if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest;
}

/**
 * Why the build may not be tested (missing, or older than a source it is made from), or null.
 * A test against a stale build would prove something about code that is no longer there.
 */
export function staleBuildReason(root = ROOT): string | null {
  for (const artifact of ARTIFACTS) {
    const built = path.join(root, artifact.file);
    if (!fs.existsSync(built)) return `${artifact.file} is missing: run \`npm run build\` first (npm test does).`;
    const builtAt = fs.statSync(built).mtimeMs;
    for (const source of artifact.sources) {
      const newest = newestSource(root, source);
      if (newest && newest.mtimeMs > builtAt) {
        return `${artifact.file} is older than ${newest.file} (changed ${new Date(newest.mtimeMs).toISOString()}, built ${new Date(builtAt).toISOString()}): run \`npm run build\` first.`;
      }
    }
  }
  return null;
}

/** Refuses to go on against a missing or stale build. */
export function requireFreshBuild(): void {
  const reason = staleBuildReason();
  if (reason) throw new Error(`Refusing to test a stale build: ${reason}`);
}
