import {
  accessibilityOf,
  api,
  contextAs,
  contrast,
  emailOf,
  expectHeadingsInOrder,
  expect,
  findRoom,
  openNamedRoom,
  PASSWORD,
  proposeInitiative,
  test,
  unique,
  waitUntilLive,
} from './fixtures';

/**
 * Forms used with the keyboard alone: focus never falls to the page's body while a form is
 * pending or after it answers (a screen reader would start reading the page from the top).
 */
test('registering with mistakes by keyboard puts focus on the first field to fix', async ({ page }) => {
  await page.goto('/register');
  await page.getByLabel('Full name').focus();
  await page.keyboard.type('Someone');
  await page.keyboard.press('Tab');
  await page.keyboard.type('not-an-email');
  await page.getByRole('button', { name: 'Create my account' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#email-error')).toHaveText('Enter a valid email address');
  await expect(page.getByLabel('Email')).toBeFocused();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
});

test('a refused sign-in keeps focus on the button pressed, and marks the fields', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(emailOf('delegate.kz'));
  await page.getByLabel('Password').fill('not-the-password');
  const submit = page.getByRole('main').getByRole('button', { name: 'Sign in' });
  await submit.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('The email or password is not right.');
  await expect(submit).toBeFocused();
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
});

test('saving a stance by keyboard keeps focus on Save, and the saved stance is shown', async ({ browser }) => {
  const context = await contextAs(browser, 'delegate.kz');
  const room = await findRoom(context, (r) => openNamedRoom(r) && r.partners.length === 0);
  const id = await proposeInitiative(context, room.id, { title: unique('Keyboard stance'), states: ['KZ', 'UZ'] });
  const page = await context.newPage();
  await page.goto(`/initiatives/${id}`);
  const endorse = page.getByTestId('stance-form').getByLabel(/Endorses/);
  await endorse.focus();
  await page.keyboard.press('Space');
  await expect(endorse).toBeChecked();
  const save = page.getByTestId('save-stance');
  await save.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('tr[data-state="KZ"] [data-position]')).toHaveAttribute('data-position', 'endorse');
  await expect(save).toBeFocused();
  await context.close();
});

test('the focus ring on the header stands out from it (at least 3:1), and on the page too', async ({ browser }) => {
  const page = await (await contextAs(browser, 'delegate.kz')).newPage();
  await page.goto('/rooms');
  await page.keyboard.press('Tab'); // the skip link
  await page.keyboard.press('Tab'); // the first link of the header
  const header = await page.evaluate(() => {
    const focused = document.activeElement as HTMLElement;
    return {
      inHeader: Boolean(focused.closest('.site-header')),
      outline: getComputedStyle(focused).outlineColor,
      background: getComputedStyle(document.querySelector('.site-header')!).backgroundColor,
    };
  });
  expect(header.inHeader).toBe(true);
  expect(contrast(header.outline, header.background)).toBeGreaterThanOrEqual(3);
  const filter = page.locator('main input#q');
  await filter.focus();
  const outline = await filter.evaluate((element) => getComputedStyle(element).outlineColor);
  expect(contrast(outline, 'rgb(250, 247, 242)')).toBeGreaterThanOrEqual(3);
});

test('the rooms and initiatives lists do not skip a heading level', async ({ browser }) => {
  const page = await (await contextAs(browser, 'delegate.kz')).newPage();
  for (const path of ['/rooms', '/initiatives']) {
    await page.goto(path);
    await expectHeadingsInOrder(page, path);
  }
});

test('a field keeps its hint when an error is added, each read once; the format preview is read whole', async ({ browser, page }) => {
  await page.goto('/register');
  const password = page.getByLabel('Password');
  expect((await accessibilityOf(password)).description).toBe('At least 10 characters.');
  await page.getByLabel('Full name').fill('Someone');
  await page.getByLabel('Email').fill(`${unique('hint').replace(/\W/g, '')}@example.org`);
  await password.fill('short');
  await page.getByRole('button', { name: 'Create my account' }).click();
  const error = page.locator('#password-error');
  await expect(error).toBeVisible();
  expect((await accessibilityOf(password)).description).toBe(`At least 10 characters. ${await error.innerText()}`);

  const kz = await contextAs(browser, 'delegate.kz');
  const room = await findRoom(kz, openNamedRoom);
  const propose = await kz.newPage();
  await propose.goto(`/rooms/${room.id}/propose`);
  await expect(propose.getByTestId('format-preview')).toHaveAttribute('aria-atomic', 'true');
  await propose.getByLabel('Title').fill(unique('One state only'));
  for (const box of await propose.locator('input[name="states"]').all()) await box.setChecked(false);
  await propose.locator('input[name="states"][value="KZ"]').check();
  await propose.getByRole('button', { name: 'Propose', exact: true }).click();
  const states = propose.locator('fieldset:has(input[name="states"])');
  await expect(states).toHaveAttribute('aria-invalid', 'true');
  const { description } = await accessibilityOf(states);
  expect(description).toBe(`${await propose.locator('#states-hint').innerText()} ${await propose.locator('#states-error').innerText()}`);
  await kz.close();
});

test('sending a message by keyboard keeps focus where it was, and taking a seat puts focus in the message box', async ({ browser }) => {
  const facilitator = await contextAs(browser, 'facilitator');
  const { id } = await api<{ id: number }>(facilitator, 'POST', '/api/v1/threads', {
    title: unique('A new table'),
    // Not a room the other journeys pick (open, named, water): they expect the demo's initiatives in it.
    topic: 'health',
    summary: '',
    states: ['KZ', 'UZ'],
    partners: [],
    visibility: 'open',
    attribution: 'chatham',
  });
  const kz = await contextAs(browser, 'delegate.kz');
  const page = await kz.newPage();
  await page.goto(`/rooms/${id}`);
  await waitUntilLive(page);

  const seat = page.getByRole('button', { name: 'Take a seat in this room' });
  await seat.focus();
  await page.keyboard.press('Enter');
  await expect(seat).toHaveCount(0);
  await expect(page.getByLabel('Your message')).toBeFocused();

  const first = unique('Sent with Ctrl+Enter');
  await page.keyboard.type(first);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('messages')).toContainText(first);
  await expect(page.getByLabel('Your message')).toBeFocused();
  await expect(page.getByLabel('Your message')).toHaveValue('');

  const second = unique('Sent with the button');
  await page.keyboard.type(second);
  await page.keyboard.press('Tab');
  const send = page.getByRole('button', { name: 'Send' });
  await expect(send).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('messages')).toContainText(second);
  await expect(send).toBeFocused();
  await kz.close();
  await facilitator.close();
});

test('on the dashboard the exports come right after the filters, each map link names its initiative, and the matrix reads words', async ({
  browser,
}) => {
  const page = await (await contextAs(browser, 'delegate.kz')).newPage();
  await page.goto('/dashboard');
  await page.getByRole('button', { name: 'Apply' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Export CSV' })).toBeFocused();

  const firstRow = page.locator('[data-row]').first();
  const title = await firstRow.locator('th a').first().innerText();
  await expect(firstRow.getByRole('link', { name: `Show ${title} on the map` })).toBeVisible();

  // Column headers say the state; a cell says the stance once, its drawn mark silent.
  expect((await accessibilityOf(page.locator('.matrix thead th').nth(2))).name).toBe('Kazakhstan');
  for (const cell of (await page.locator('.matrix tbody td[data-position]').all()).slice(0, 20)) {
    const kind = (await cell.getAttribute('data-detail')) ?? (await cell.getAttribute('data-position'));
    const expected = {
      endorse: 'Endorses',
      'ad-referendum': 'Endorses ad referendum',
      reservation: 'Reservation',
      conditional: 'Reservation with a condition',
      step_aside: 'Steps aside',
      pending: 'Pending',
      absent: 'not taking part',
    }[kind!];
    expect((await accessibilityOf(cell)).name).toBe(expected);
  }
});

test('a whole journey by keyboard alone: sign in, propose, filter the dashboard, switch language — focus never lost', async ({
  browser,
}) => {
  const context = await contextAs(browser, null);
  const page = await context.newPage();
  const focusedIsBody = () => page.evaluate(() => document.activeElement === document.body);

  await page.goto('/signin');
  await page.getByLabel('Email').focus();
  await page.keyboard.type(emailOf('delegate.kz'));
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/rooms');
  // A new page: focus starts at its heading, not on the button that is gone.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  const room = await findRoom(context, (r) => openNamedRoom(r) && r.partners.length === 0);
  await page.goto(`/rooms/${room.id}`);
  await page.getByRole('link', { name: 'Propose an initiative' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/rooms/${room.id}/propose`);
  const title = unique('Proposed by keyboard');
  await page.getByLabel('Title').focus();
  await page.keyboard.type(title);
  for (const box of await page.locator('input[name="states"]').all()) await box.setChecked(false);
  for (const code of ['KZ', 'TJ']) {
    await page.locator(`input[name="states"][value="${code}"]`).focus();
    await page.keyboard.press('Space');
  }
  await expect(page.getByTestId('format-preview')).toContainText('CA-2');
  await page.getByRole('button', { name: 'Propose', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  await page.goto('/dashboard');
  await page.getByLabel('Status', { exact: true }).focus();
  await page.keyboard.press('ArrowDown'); // the first status after "Any": Consultation
  const apply = page.getByRole('button', { name: 'Apply' });
  await apply.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/status=consultation/);
  await expect(page.getByTestId('matrix').getByText(title)).toBeVisible();
  await expect(apply).toBeFocused();
  await expect(page.getByTestId('matching')).toHaveAttribute('role', 'status');

  // The language menu is a disclosure: Enter opens it, then Enter on a language chooses it.
  await page.locator('.language-menu summary').focus();
  await page.keyboard.press('Enter');
  const russian = page.getByRole('button', { name: 'Русский' });
  await russian.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Обзор консенсуса');
  await expect(russian).toBeFocused();
  expect(await focusedIsBody()).toBe(false);
  await context.close();
});
