import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page, test as base } from '@playwright/test';

import { DEMO_ACCOUNTS as SEEDED_ACCOUNTS, DEMO_PASSWORD } from '../db/demo/accounts';

export const PASSWORD = DEMO_PASSWORD;
/** The seeded accounts the journeys sign in as, named by their email's local part. */
export const DEMO_ACCOUNTS = ['facilitator', 'delegate.kz', 'delegate.kg', 'delegate.tj', 'delegate.uz', 'expert', 'observer'] as const;
export type DemoAccount = (typeof DEMO_ACCOUNTS)[number];

export function emailOf(account: DemoAccount): string {
  const seeded = SEEDED_ACCOUNTS.find((candidate) => candidate.email.split('@')[0] === account);
  if (!seeded) throw new Error(`${account} is not an account the demo seed creates (db/demo/accounts.ts)`);
  return seeded.email;
}

export const storageStateFor = (account: DemoAccount) => path.join(import.meta.dirname, '.auth', `${account}.json`);

export async function signInThroughPage(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/rooms');
}

/** A browser context already signed in as a demo account (sessions saved by the setup project), or signed out (null), in a language. */
export async function contextAs(browser: Browser, account: DemoAccount | null, locale: 'en' | 'ru' = 'en'): Promise<BrowserContext> {
  const context = await browser.newContext(account ? { storageState: storageStateFor(account) } : {});
  await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: 'http://localhost' + ':' + (process.env.E2E_PORT ?? 3210) }]);
  return context;
}

/** No serious or critical accessibility violations (axe-core, WCAG 2 A/AA rules). */
export async function expectAccessible(page: Page, what = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    what,
  ).toEqual([]);
}

export const test = base;
export { expect };

/** A JSON API call made with a context's session, its status checked: fixtures are made through the API. */
export async function api<T = any>(
  context: BrowserContext,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  data?: unknown,
  expected: number[] = [200, 201],
): Promise<T> {
  const response = await context.request.fetch(path, { method, data });
  expect(expected, `${method} ${path} answered ${response.status()}: ${await response.text()}`).toContain(response.status());
  return (await response.json()) as T;
}

export interface Room {
  id: number;
  title: string;
  topic: string;
  visibility: 'open' | 'discreet';
  attribution: 'named' | 'chatham';
  partners: string[];
}

/** A room of the demo found by what it is, never by an id that depends on the order of the seed. */
export async function findRoom(context: BrowserContext, match: (room: Room) => boolean): Promise<Room> {
  const rooms = (await api<{ items: Room[] }>(context, 'GET', '/api/v1/threads?limit=100')).items;
  const found = rooms.find(match);
  expect(found, 'a room of the demo that matches').toBeTruthy();
  return found!;
}

export const openNamedRoom = (room: Room) => room.visibility === 'open' && room.attribution === 'named';

/** The signed-in participant's name, as the header shows it. */
export const nameOf = async (context: BrowserContext): Promise<string> => (await api<{ name: string }>(context, 'GET', '/api/v1/me')).name;

/** A title no other test uses, so a test finds its own data whatever ran before it. */
export const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** An initiative of the test's own, proposed through the API by `by`, with the stances given set by their delegates. */
export async function proposeInitiative(
  by: BrowserContext,
  roomId: number,
  initiative: { title: string; states: string[]; summary?: string },
  stances: { context: BrowserContext; state: string; position: string }[] = [],
): Promise<number> {
  const { id } = await api<{ id: number }>(by, 'POST', `/api/v1/threads/${roomId}/initiatives`, {
    summary: '',
    openToJoin: true,
    ...initiative,
  });
  for (const stance of stances)
    await api(stance.context, 'PUT', `/api/v1/initiatives/${id}/stances/${stance.state}`, { position: stance.position });
  return id;
}
