import { api, contextAs, expect, findRoom, openNamedRoom, proposeInitiative, test, unique } from './fixtures';

test('a CA-2 proposed by one delegate reaches consensus with two delegates, then becomes CA-3 when a third state joins', async ({
  browser,
}) => {
  const kzContext = await contextAs(browser, 'delegate.kz');
  const kz = await kzContext.newPage();
  const uz = await (await contextAs(browser, 'delegate.uz')).newPage();
  const kg = await (await contextAs(browser, 'delegate.kg')).newPage();
  // A room without partners: the form starts from the room's tags, and this one is a plain CA-2.
  const room = await findRoom(kzContext, (r) => openNamedRoom(r) && r.partners.length === 0);
  const title = unique('Joint e-visa portal');

  // Kazakhstan proposes a CA-2, seeing the format before submitting.
  await kz.goto(`/rooms/${room.id}/propose`);
  await kz.getByLabel('Title').fill(title);
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
  await expect(kz.getByRole('heading', { level: 1 })).toHaveText(title);
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
  const kzContext = await contextAs(browser, 'delegate.kz');
  const room = await findRoom(kzContext, openNamedRoom);
  const id = await proposeInitiative(kzContext, room.id, { title: unique('Shared tourist statistics'), states: ['KZ', 'UZ'] });
  const kz = await kzContext.newPage();
  await kz.goto(`/initiatives/${id}`);
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
  const kz = await contextAs(browser, 'delegate.kz');
  const uz = await contextAs(browser, 'delegate.uz');
  const room = await findRoom(kz, openNamedRoom);
  const title = unique('Mutual recognition of tourist visas');
  const id = await proposeInitiative(kz, room.id, { title, states: ['KZ', 'UZ'] }, [
    { context: kz, state: 'KZ', position: 'endorse' },
    { context: uz, state: 'UZ', position: 'endorse' },
  ]);
  expect((await api(kz, 'GET', `/api/v1/initiatives/${id}`)).status).toBe('consensus');

  const facilitator = await (await contextAs(browser, 'facilitator')).newPage();
  await facilitator.goto(`/initiatives?q=${encodeURIComponent(title)}`);
  await facilitator.getByRole('link', { name: title }).click();
  await facilitator.waitForURL(`**/initiatives/${id}`);
  await expect(facilitator.getByTestId('initiative-status')).toHaveText('Consensus');
  await expect(facilitator.getByTestId('stance-form')).toHaveCount(0);
  facilitator.once('dialog', (dialog) => dialog.accept());
  await facilitator.getByTestId('formalize').click();
  await expect(facilitator.getByTestId('initiative-status')).toHaveText('Formalized');
});
