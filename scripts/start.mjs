// npm start: production. Builds once when no build exists, then runs the server in this process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const server = path.join(root, 'dist', 'server.mjs');
if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID')) || !fs.existsSync(server)) {
  console.log('No production build found: running `npm run build` once…');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import(pathToFileURL(server).href);
