import fs from 'node:fs';
import path from 'node:path';

let root: string | null = null;

/**
 * The project folder (the one with package.json and next.config.js), found from this module's own
 * location, so the server works the same from source (tsx) and from its bundle (dist/server.mjs).
 */
export function projectRoot(): string {
  if (root) return root;
  let dir = import.meta.dirname;
  while (!(fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'next.config.js')))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No project folder above ${import.meta.dirname}`);
    dir = parent;
  }
  return (root = dir);
}
