import { api, chooseLanguage, contextAs, emailOf, expect, nameOf, signInThroughPage, test } from './fixtures';

test('a new participant registers, is signed in and sees the rooms list', async ({ page }) => {
  const email = `newcomer.${Date.now()}@example.org`;
  await page.goto('/register');
  await page.getByLabel('Full name').fill('Saule Nurpeisova');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('teahouse-password');
  await page.getByLabel('Affiliation').selectOption('civil_society');
  await page.getByLabel('Organization (optional)').fill('Aral Sea youth network');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await page.waitForURL('**/rooms');
  await expect(page.getByRole('heading', { name: 'Rooms', level: 1 })).toBeVisible();
  await expect(page.getByTestId('room-card').first()).toBeVisible();
  await expect(page.getByTestId('current-user')).toHaveText('Saule Nurpeisova');

  await page.goto('/signout');
  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await signInThroughPage(page, email, 'teahouse-password');
  await expect(page.getByTestId('room-card').first()).toBeVisible();
});

test('registration shows each field’s error beside it and keeps what was typed', async ({ page }) => {
  await page.goto('/register');
  await page.getByLabel('Full name').fill('Someone');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.locator('#email-error')).toHaveText('Enter a valid email address');
  await expect(page.locator('#password-error')).toHaveText('At least 10 characters');
  await expect(page.getByLabel('Full name')).toHaveValue('Someone');
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
});

test('a wrong password gets one generic message', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(emailOf('delegate.kz'));
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('The email or password is not right.');
});

test('delegate.kz signs in and sees the rooms, in English and in Russian', async ({ browser }) => {
  const context = await contextAs(browser, 'delegate.kz');
  const page = await context.newPage();
  const newest = (await api<{ items: { title: string }[] }>(context, 'GET', '/api/v1/threads')).items[0];
  await page.goto('/rooms');
  await expect(page.getByTestId('current-user')).toHaveText(`${await nameOf(context)} · KZ`);
  await expect(page.getByRole('link', { name: newest.title })).toBeVisible();
  await chooseLanguage(page, 'Русский');
  await expect(page.getByRole('heading', { name: 'Комнаты', level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await chooseLanguage(page, 'English');
  await expect(page.getByRole('heading', { name: 'Rooms', level: 1 })).toBeVisible();
  await context.close();
});

test('the rooms filters narrow the list and live in the URL', async ({ browser }) => {
  const context = await contextAs(browser, 'delegate.kz');
  const page = await context.newPage();
  await page.goto('/rooms');
  await page.getByLabel('Topic').selectOption('water');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/topic=water/);
  // As many as the API lists for that topic (other tests may have added rooms), and only those.
  const water = (await api<{ items: { title: string }[] }>(context, 'GET', '/api/v1/threads?topic=water&limit=100')).items;
  const all = (await api<{ items: unknown[] }>(context, 'GET', '/api/v1/threads?limit=100')).items;
  expect(water.length).toBeGreaterThan(0);
  expect(water.length).toBeLessThan(all.length);
  await expect(page.getByTestId('room-card')).toHaveCount(water.length);
  for (const room of water) await expect(page.getByTestId('room-card').filter({ hasText: room.title })).toHaveCount(1);
  await context.close();
});

// Accessibility of every page: e2e/pages.spec.ts.
