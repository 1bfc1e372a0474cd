import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page, test as base } from '@playwright/test';

export const PASSWORD = 'chaikhana-demo';
export const DEMO_ACCOUNTS = ['facilitator', 'delegate.kz', 'delegate.kg', 'delegate.tj', 'delegate.uz', 'expert', 'observer'] as const;
export type DemoAccount = (typeof DEMO_ACCOUNTS)[number];

export const storageStateFor = (account: DemoAccount) => path.join(import.meta.dirname, '.auth', `${account}.json`);

export async function signInThroughPage(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/rooms');
}

/** A browser context already signed in as a demo account (sessions saved by the setup project). */
export async function contextAs(browser: Browser, account: DemoAccount, locale: 'en' | 'ru' = 'en'): Promise<BrowserContext> {
  const context = await browser.newContext({ storageState: storageStateFor(account) });
  if (locale === 'ru')
    await context.addCookies([{ name: 'NEXT_LOCALE', value: 'ru', url: 'http://localhost' + ':' + (process.env.E2E_PORT ?? 3210) }]);
  return context;
}

/** No serious or critical accessibility violations (axe-core, WCAG 2 A/AA rules). */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

export const test = base;
export { expect };
