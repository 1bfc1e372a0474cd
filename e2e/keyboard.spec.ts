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
