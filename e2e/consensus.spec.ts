import { contextAs, expect, test } from './fixtures';

test('a CA-2 proposed by one delegate reaches consensus with two delegates, then becomes CA-3 when a third state joins', async ({
  browser,
}) => {
  const kz = await (await contextAs(browser, 'delegate.kz')).newPage();
  const uz = await (await contextAs(browser, 'delegate.uz')).newPage();
  const kg = await (await contextAs(browser, 'delegate.kg')).newPage();

  // Kazakhstan proposes a CA-2 in the visa room, seeing the format before submitting.
  await kz.goto('/rooms/4/propose');
  await kz.getByLabel('Title').fill('Joint e-visa portal');
  await kz.getByLabel('Summary').fill('One portal for both **Silk Visa** states.');
  const states = kz.getByRole('group', { name: 'Participating states' });
  for (const code of ['KZ', 'KG', 'TJ', 'TM', 'UZ']) {
    const box = states.getByRole('checkbox', { name: new RegExp(`^${code} `) });
    if (['KZ', 'UZ'].includes(code)) await box.check();
    else await box.uncheck();
  }
  await expect(kz.getByTestId('format-preview')).toContainText('CA-2');
  await kz.getByRole('button', { name: 'Propose' }).click();
  await kz.waitForURL(/\/initiatives\/\d+$/);
  const url = kz.url();
  await expect(kz.getByTestId('format-label').first()).toHaveText('CA-2');
  await expect(kz.getByTestId('initiative-status')).toHaveText('Consultation');

  // Both delegates endorse, each in their own browser context.
  await kz
    .getByTestId('stance-form')
    .getByLabel(/Endorses/)
    .check();
  await kz.getByTestId('save-stance').click();
  await expect(kz.locator('tr[data-state="KZ"] [data-position]')).toHaveAttribute('data-position', 'endorse');

  await uz.goto(url);
  await uz
    .getByTestId('stance-form')
    .getByLabel(/Endorses/)
    .check();
  await uz.getByTestId('save-stance').click();
  await expect(uz.getByTestId('initiative-status')).toHaveText('Consensus');
  await expect(uz.getByTestId('format-label').first()).toHaveText('CA-2');

  // Kazakhstan's page turns to Consensus without a reload.
  await expect(kz.getByTestId('initiative-status')).toHaveText('Consensus');

  // Kyrgyzstan joins: CA-3, with its stance pending, and consensus waits for it.
  await kg.goto(url);
  await kg.getByTestId('join').click();
  await expect(kg.getByTestId('format-label').first()).toHaveText('CA-3');
  await expect(kg.locator('tr[data-state="KG"] [data-position]')).toHaveAttribute('data-position', 'pending');
  await expect(kg.getByTestId('initiative-status')).toHaveText('Consultation');
  await expect(kz.getByTestId('format-label').first()).toHaveText('CA-3');
  await expect(kg.getByTestId('timeline')).toContainText('KG');
});

test('editing an endorsed text warns first, then resets the endorsements and says why', async ({ browser }) => {
  const kz = await (await contextAs(browser, 'delegate.kz')).newPage();
  await kz.goto('/rooms/4/propose');
  await kz.getByLabel('Title').fill('Shared tourist statistics');
  const states = kz.getByRole('group', { name: 'Participating states' });
  await states.getByRole('checkbox', { name: /^KZ / }).check();
  await states.getByRole('checkbox', { name: /^UZ / }).check();
  await kz.getByRole('button', { name: 'Propose' }).click();
  await kz.waitForURL(/\/initiatives\/\d+$/);
  await kz
    .getByTestId('stance-form')
    .getByLabel(/Endorses/)
    .check();
  await kz.getByTestId('save-stance').click();
  await expect(kz.locator('tr[data-state="KZ"] [data-position]')).toHaveAttribute('data-position', 'endorse');

  await kz.getByRole('link', { name: 'Edit the text' }).click();
  await expect(kz.getByTestId('reset-warning')).toContainText('KZ');
  await kz.getByLabel('Summary').fill('Monthly arrivals, shared by both statistics offices.');
  await kz.getByRole('button', { name: 'Save changes' }).click();
  await kz.waitForURL(/\/initiatives\/\d+$/);
  await expect(kz.locator('tr[data-state="KZ"] [data-position]')).toHaveAttribute('data-position', 'pending');
  await expect(kz.getByTestId('timeline')).toContainText('the text was edited');
});

test('a facilitator formalizes an initiative in consensus, and never sees a stance form', async ({ browser }) => {
  const facilitator = await (await contextAs(browser, 'facilitator')).newPage();
  await facilitator.goto('/initiatives?q=tourist+visas');
  await facilitator.getByRole('link', { name: 'Mutual recognition of tourist visas' }).click();
  await facilitator.waitForURL(/\/initiatives\/\d+$/);
  await expect(facilitator.getByTestId('initiative-status')).toHaveText('Consensus');
  await expect(facilitator.getByTestId('stance-form')).toHaveCount(0);
  facilitator.once('dialog', (dialog) => dialog.accept());
  await facilitator.getByTestId('formalize').click();
  await expect(facilitator.getByTestId('initiative-status')).toHaveText('Formalized');
});
