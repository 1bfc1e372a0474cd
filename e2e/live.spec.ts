import { contextAs, expect, findRoom, nameOf, openNamedRoom, proposeInitiative, test, unique } from './fixtures';

test('a message typed in one context appears in the other, and presence shows both', async ({ browser }) => {
  const kzContext = await contextAs(browser, 'delegate.kz');
  const kgContext = await contextAs(browser, 'delegate.kg');
  const [kzName, kgName] = [await nameOf(kzContext), await nameOf(kgContext)];
  const room = await findRoom(kzContext, openNamedRoom);
  const kz = await kzContext.newPage();
  const kg = await kgContext.newPage();
  await kz.goto(`/rooms/${room.id}`);
  await kg.goto(`/rooms/${room.id}`);
  await expect(kz.getByTestId('connection-status')).toHaveAttribute('data-connection', 'live');
  await expect(kg.getByTestId('connection-status')).toHaveAttribute('data-connection', 'live');
  await expect(kz.getByTestId('presence')).toContainText(kgName);
  await expect(kg.getByTestId('presence')).toContainText(kzName);

  const text = unique('Kazakhstan proposes to meet in');
  await kz.getByLabel('Your message').fill(`${text} *Tashkent* in March.`);
  await kz.getByRole('button', { name: 'Send' }).click();
  await expect(kg.getByTestId('message').last()).toContainText(`${text} Tashkent in March.`);
  await expect(kg.getByTestId('message').last().locator('em')).toHaveText('Tashkent');
  await expect(kz.getByTestId('message').last()).toContainText(text);
  await expect(kz.getByLabel('Your message')).toHaveValue('');

  await kg.close();
  await expect(kz.getByTestId('presence')).not.toContainText(kgName);
});

test('a stance set elsewhere marks the changed row live on the initiative page', async ({ browser }) => {
  const kgContext = await contextAs(browser, 'delegate.kg');
  const room = await findRoom(kgContext, openNamedRoom);
  const id = await proposeInitiative(kgContext, room.id, { title: unique('Energy annex'), states: ['KG', 'KZ'] });
  const watcher = await (await contextAs(browser, 'expert')).newPage();
  const kg = await kgContext.newPage();
  await watcher.goto(`/initiatives/${id}`);
  await expect(watcher.getByTestId('connection-status')).toHaveAttribute('data-connection', 'live');
  await kg.goto(`/initiatives/${id}`);
  await kg
    .getByTestId('stance-form')
    .getByLabel(/Reservation/)
    .check();
  await kg.getByLabel(/Note or reason/).fill('Waiting for the energy annex too.');
  await kg.getByTestId('save-stance').click();
  await expect(watcher.locator('tr[data-state="KG"]')).toHaveAttribute('data-changed', 'true');
  await expect(watcher.locator('tr[data-state="KG"]')).toContainText('Waiting for the energy annex too.');
});
