import fs from 'node:fs';
import path from 'node:path';
import type { Client } from './client';

export interface FetchedPage {
  status: number;
  /** The document a browser loads (with the RSC payload Next inlines in it). */
  html: string;
  /** The RSC payload a client-side navigation fetches. */
  rsc: string;
}

/** A page as a browser gets it on a first visit and on a client-side navigation. */
export async function fetchPage(client: Client, path: string): Promise<FetchedPage> {
  const document = await client.raw('GET', path);
  const html = await document.text();
  // Next answers a navigation (RSC: 1) at the same path with `_rsc` added; without the
  // router-state headers its expected value is empty.
  const navigation = await client.raw('GET', `${path}${path.includes('?') ? '&' : '?'}_rsc=`, { headers: { rsc: '1' } });
  return { status: document.status, html, rsc: await navigation.text() };
}

/** How many times each needle occurs in a text. */
export function occurrences(text: string, needles: readonly string[]): Record<string, number> {
  return Object.fromEntries(needles.map((needle) => [needle, text.split(needle).length - 1]));
}

/** Runs `work` over `items` with at most `limit` at a time (pages render on a shared machine). */
export async function inBatches<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]);
      }
    }),
  );
  return results;
}

/** Every page of the build, as routes (`/rooms/[id]`): Next's own error pages and route handlers aside. */
export function buildPages(): string[] {
  const manifest = JSON.parse(
    fs.readFileSync(path.resolve(import.meta.dirname, '../../.next/app-path-routes-manifest.json'), 'utf8'),
  ) as Record<string, string>;
  return Object.values(manifest)
    .filter((route) => !route.startsWith('/_') && !route.startsWith('/api/'))
    .sort();
}
