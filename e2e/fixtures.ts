import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Locator, type Page, test as base } from '@playwright/test';

import { DEMO_ACCOUNTS as SEEDED_ACCOUNTS, DEMO_PASSWORD } from '../db/demo/accounts';
import type { Locale } from '../i18n/locales';

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

/** Contexts made by `contextAs`: those a test made are closed when it ends (their pages' sockets with them). */
const opened: BrowserContext[] = [];

/** A browser context already signed in as a demo account (sessions saved by the setup project), or signed out (null), in a language. */
export async function contextAs(browser: Browser, account: DemoAccount | null, locale: Locale = 'en'): Promise<BrowserContext> {
  const context = await browser.newContext(account ? { storageState: storageStateFor(account) } : {});
  opened.push(context);
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

/** The page's headings start at h1 and never skip a level going down (h2 then h4 loses a reader's place). */
export async function expectHeadingsInOrder(page: Page, what = page.url()): Promise<void> {
  const levels = await page.locator('main :is(h1, h2, h3, h4, h5, h6)').evaluateAll((all) => all.map((h) => Number(h.tagName[1])));
  expect(levels[0], `${what}: the first heading`).toBe(1);
  for (let i = 1; i < levels.length; i++)
    expect(levels[i] - levels[i - 1], `${what}: h${levels[i - 1]} then h${levels[i]}`).toBeLessThanOrEqual(1);
}

/** Opens the language menu (a disclosure in the header) when it is closed, then picks a language by its own name. */
export async function chooseLanguage(page: Page, name: string): Promise<void> {
  const choice = page.getByRole('button', { name, exact: true });
  if (!(await choice.isVisible())) await page.locator('.language-menu summary').click();
  await choice.click();
}

/**
 * Every page keeps a socket open (the header's bell is live), and a participant may hold 20: a
 * test's own contexts are closed when it ends, so pages left open by earlier tests never use up
 * later tests' seats. (Contexts made in `beforeAll` are their suite's to close.)
 */
export const test = base.extend<{ closesItsContexts: void }>({
  closesItsContexts: [
    async ({}, use) => {
      const from = opened.length;
      await use();
      await Promise.all(opened.splice(from).map((context) => context.close().catch(() => {})));
    },
    { auto: true },
  ],
});
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

/**
 * What Chromium's accessibility tree says of an element, as a screen reader receives it (its own
 * computation, CSS-generated content included), read through the DevTools protocol.
 */
export async function accessibilityOf(locator: Locator): Promise<{ role: string; name: string; description: string }> {
  const page = locator.page();
  const cdp = await page.context().newCDPSession(page);
  try {
    await locator.evaluate((element) => element.setAttribute('data-ax-probe', ''));
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '[data-ax-probe]' });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    const node = nodes[0];
    return {
      role: String(node.role?.value ?? ''),
      name: String(node.name?.value ?? ''),
      description: String(node.description?.value ?? ''),
    };
  } finally {
    await locator.evaluate((element) => element.removeAttribute('data-ax-probe')).catch(() => {});
    await cdp.detach();
  }
}

/** The page's live connection is up: what happens elsewhere from now on reaches it. */
export async function waitUntilLive(page: Page): Promise<void> {
  await expect(page.getByTestId('connection-status').first()).toHaveAttribute('data-connection', 'live');
}

/** WCAG relative luminance contrast of two colours, `rgb(…)` or `#rrggbb`. */
export function contrast(a: string, b: string): number {
  const channels = (color: string) =>
    color.startsWith('#') ? [1, 3, 5].map((i) => String(parseInt(color.slice(i, i + 2), 16))) : (color.match(/\d+(\.\d+)?/g) ?? []);
  const luminance = (color: string) => {
    const [r, g, bl] = channels(color)
      .slice(0, 3)
      .map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
