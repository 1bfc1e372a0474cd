import { contextAs, expect, expectAccessible, signInThroughPage, test } from './fixtures';

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
  await page.getByLabel('Email').fill('delegate.kz@example.org');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('The email or password is not right.');
});

test('delegate.kz signs in and sees the rooms, in English and in Russian', async ({ browser }) => {
  const context = await contextAs(browser, 'delegate.kz');
  const page = await context.newPage();
  await page.goto('/rooms');
  await expect(page.getByTestId('current-user')).toHaveText('Nurlan Abenov · KZ');
  await expect(page.getByRole('link', { name: 'Sharing the Amu Darya and the Syr Darya in the growing season' })).toBeVisible();
  await page.getByRole('button', { name: 'Русский' }).click();
  await expect(page.getByRole('heading', { name: 'Комнаты', level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await page.getByRole('button', { name: 'English' }).click();
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
  await expect(page.getByTestId('room-card')).toHaveCount(1);
  await context.close();
});

for (const locale of ['en', 'ru'] as const) {
  test(`pages pass axe-core with no serious or critical violations (${locale})`, async ({ browser }) => {
    const anonymous = await browser.newContext();
    await anonymous.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: 'http://localhost:' + (process.env.E2E_PORT ?? 3210) }]);
    const page = await anonymous.newPage();
    for (const path of ['/', '/signin', '/register']) {
      await page.goto(path);
      await expectAccessible(page);
    }
    await anonymous.close();

    const context = await contextAs(browser, 'delegate.kz', locale);
    const signed = await context.newPage();
    for (const path of ['/rooms', '/rooms/1', '/rooms/2', '/initiatives', '/initiatives/1', '/rooms/1/propose', '/rooms/new', '/profile']) {
      await signed.goto(path);
      await expectAccessible(signed);
    }
    await context.close();
    const facilitator = await contextAs(browser, 'facilitator', locale);
    const fpage = await facilitator.newPage();
    await fpage.goto('/facilitation');
    await expectAccessible(fpage);
    await facilitator.close();
  });
}
