import { contextAs, expect, test } from './fixtures';

test('a message typed in one context appears in the other, and presence shows both', async ({ browser }) => {
  const kz = await (await contextAs(browser, 'delegate.kz')).newPage();
  const kg = await (await contextAs(browser, 'delegate.kg')).newPage();
  await kz.goto('/rooms/1');
  await kg.goto('/rooms/1');
  await expect(kz.getByTestId('connection-status')).toHaveAttribute('data-connection', 'live');
  await expect(kg.getByTestId('connection-status')).toHaveAttribute('data-connection', 'live');
  await expect(kz.getByTestId('presence')).toContainText('Aizada Toktogulova');
  await expect(kg.getByTestId('presence')).toContainText('Nurlan Abenov');

  await kz.getByLabel('Your message').fill('Kazakhstan proposes to meet in *Tashkent* in March.');
  await kz.getByRole('button', { name: 'Send' }).click();
  await expect(kg.getByTestId('message').last()).toContainText('Kazakhstan proposes to meet in Tashkent in March.');
  await expect(kg.getByTestId('message').last().locator('em')).toHaveText('Tashkent');
  await expect(kz.getByTestId('message').last()).toContainText('Kazakhstan proposes');
  await expect(kz.getByLabel('Your message')).toHaveValue('');

  await kg.close();
  await expect(kz.getByTestId('presence')).not.toContainText('Aizada Toktogulova');
});

test('a stance set elsewhere marks the changed row live on the initiative page', async ({ browser }) => {
  const watcher = await (await contextAs(browser, 'expert')).newPage();
  const kg = await (await contextAs(browser, 'delegate.kg')).newPage();
  await watcher.goto('/initiatives/2');
  await expect(watcher.getByTestId('connection-status')).toHaveAttribute('data-connection', 'live');
  await kg.goto('/initiatives/2');
  await kg
    .getByTestId('stance-form')
    .getByLabel(/Reservation/)
    .check();
  await kg.getByLabel('Note (optional, visible to all)').fill('Waiting for the energy annex too.');
  await kg.getByTestId('save-stance').click();
  await expect(watcher.locator('tr[data-state="KG"]')).toHaveAttribute('data-changed', 'true');
  await expect(watcher.locator('tr[data-state="KG"]')).toContainText('Waiting for the energy annex too.');
});
