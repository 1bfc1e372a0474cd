import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Client } from './client';

const ROOT = path.resolve(import.meta.dirname, '../..');
const require = createRequire(path.join(ROOT, 'package.json'));
// React's own encoder for server action arguments, as the browser uses it (Next's vendored copy).
const { encodeReply } = require('next/dist/compiled/react-server-dom-turbopack/client.node.js') as {
  encodeReply(args: unknown[]): Promise<string | FormData>;
};

type Manifest = Record<string, { exportedName: string; workers: Record<string, unknown> }>;
let manifest: Manifest | null = null;

function actions(): Manifest {
  manifest ??= JSON.parse(fs.readFileSync(path.join(ROOT, '.next/server/server-reference-manifest.json'), 'utf8')).node as Manifest;
  return manifest;
}

/** The id the build gave a server action, as a page's form would send it. */
function actionId(name: string): string {
  const found = Object.entries(actions()).find(([, entry]) => entry.exportedName === name);
  if (!found) throw new Error(`No server action named ${name} in this build`);
  return found[0];
}

/** Every server action of the build, by name: what a complete test must cover. */
export function actionNames(): string[] {
  return [...new Set(Object.values(actions()).map((entry) => entry.exportedName))].sort();
}

/** The pages whose forms carry an action, as routes (`/rooms/[id]`). */
export function actionPages(name: string): string[] {
  const entry = Object.values(actions()).find((e) => e.exportedName === name);
  if (!entry) throw new Error(`No server action named ${name} in this build`);
  return Object.keys(entry.workers).map((worker) => worker.replace(/^app/, '').replace(/\/page$/, '') || '/');
}

export interface ActionAnswer {
  status: number;
  /** Where the answer sends the browser (a redirect after success, or to sign in). */
  location: string | null;
  /** The action's return value (our ActionState), when it ran to the end. */
  result: { ok: boolean; code?: string; message?: string; fields?: Record<string, string>; data?: unknown } | null;
}

/**
 * Calls a server action the way an attacker's script would: straight to the page with the
 * `Next-Action` header and React's encoding of the bound arguments, then (for forms with
 * `useActionState`) the previous state, then the form. `args` is sent as given, so a test may
 * tamper with the bound arguments a page put in its form.
 */
export async function callAction(
  client: Client,
  page: string,
  name: string,
  args: unknown[],
  fields: Record<string, string | string[]> = {},
  options: { origin?: string; previousState?: boolean; headers?: Record<string, string> } = {},
): Promise<ActionAnswer> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(key, v);
  const body = await encodeReply(options.previousState === false ? [...args, form] : [...args, null, form]);
  const response = await client.raw('POST', page, {
    body,
    headers: { ...options.headers, 'next-action': actionId(name), origin: options.origin ?? client.baseUrl, accept: 'text/x-component' },
  });
  const text = await response.text();
  const line = /^\w+:(\{"ok":.*)$/m.exec(text);
  return {
    status: response.status,
    location: response.headers.get('x-action-redirect') ?? response.headers.get('location'),
    result: line ? JSON.parse(line[1]) : null,
  };
}
