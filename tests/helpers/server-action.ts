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

let manifest: Record<string, { exportedName: string }> | null = null;

/** The id the build gave a server action, as a page's form would send it. */
function actionId(name: string): string {
  manifest ??= JSON.parse(fs.readFileSync(path.join(ROOT, '.next/server/server-reference-manifest.json'), 'utf8')).node as Record<
    string,
    { exportedName: string }
  >;
  const found = Object.entries(manifest).find(([, entry]) => entry.exportedName === name);
  if (!found) throw new Error(`No server action named ${name} in this build`);
  return found[0];
}

export interface ActionAnswer {
  status: number;
  /** The action's return value (our ActionState), when it ran to the end. */
  result: { ok: boolean; code?: string; data?: unknown } | null;
}

/**
 * Calls a server action the way an attacker's script would: straight to the page with the
 * `Next-Action` header and React's encoding of the bound arguments, the previous state and a form.
 */
export async function callAction(
  client: Client,
  page: string,
  name: string,
  args: unknown[],
  fields: Record<string, string> = {},
  origin: string = client.baseUrl,
): Promise<ActionAnswer> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  const body = await encodeReply([...args, null, form]);
  const response = await client.raw('POST', page, {
    body,
    headers: { 'next-action': actionId(name), origin, accept: 'text/x-component' },
  });
  const text = await response.text();
  const line = /^\w+:(\{"ok":.*)$/m.exec(text);
  return { status: response.status, result: line ? JSON.parse(line[1]) : null };
}
