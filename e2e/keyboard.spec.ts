import { contextAs, emailOf, expect, findRoom, openNamedRoom, proposeInitiative, test, unique } from './fixtures';

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

/** WCAG relative luminance contrast of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, bl] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

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
    const levels = await page
      .locator('main :is(h1, h2, h3, h4, h5, h6)')
      .evaluateAll((headings) => headings.map((h) => Number(h.tagName[1])));
    expect(levels[0], path).toBe(1);
    for (let i = 1; i < levels.length; i++)
      expect(levels[i] - levels[i - 1], `${path}: h${levels[i - 1]} then h${levels[i]}`).toBeLessThanOrEqual(1);
  }
});
