import {
  accessibilityOf,
  api,
  contextAs,
  expect,
  findRoom,
  nameOf,
  openNamedRoom,
  proposeInitiative,
  test,
  unique,
  waitUntilLive,
} from './fixtures';

/**
 * What other people do reaches a delegate who does not see the screen: the page's one polite live
 * region says it in words, and what changed is marked with text, not only a colour flash.
 */
test('another state’s stance and the status it moves are announced on the initiative page and the dashboard', async ({ browser }) => {
  const kz = await contextAs(browser, 'delegate.kz');
  const uz = await contextAs(browser, 'delegate.uz');
  const room = await findRoom(kz, (r) => openNamedRoom(r) && r.partners.length === 0);
  const title = unique('Announced stance');
  const id = await proposeInitiative(kz, room.id, { title, states: ['KZ', 'UZ'] }, [{ context: kz, state: 'KZ', position: 'endorse' }]);

  const page = await kz.newPage();
  await page.goto(`/initiatives/${id}`);
  const dashboard = await kz.newPage();
  await dashboard.goto('/dashboard');
  await waitUntilLive(page);
  await waitUntilLive(dashboard);

  // One's own change is confirmed by the form, not announced again.
  await page
    .getByTestId('stance-form')
    .getByLabel(/Reservation/)
    .check();
  await page.getByLabel(/Note or reason/).fill('The dates first.');
  await page.getByTestId('save-stance').click();
  await expect(page.getByTestId('stance-saved')).toHaveText('Stance saved.');
  await page
    .getByTestId('stance-form')
    .getByLabel(/Endorses/)
    .check();
  await page.getByTestId('save-stance').click();
  await expect(page.locator('tr[data-state="KZ"] [data-position]')).toHaveAttribute('data-position', 'endorse');
  await expect(dashboard.getByTestId('announcements')).toContainText('Status: Consultation.');

  await api(uz, 'PUT', `/api/v1/initiatives/${id}/stances/UZ`, { position: 'endorse' });

  const said = page.getByTestId('announcements');
  await expect(said).toContainText('Uzbekistan: Pending → Endorses. Status: Consensus.');
  await expect(said).not.toContainText('Kazakhstan:');
  await expect(page.locator('tr[data-state="UZ"] th')).toContainText('changed');
  await expect(dashboard.getByTestId('announcements')).toContainText(`${title}: Uzbekistan: Pending → Endorses. Status: Consensus.`);
  await expect(dashboard.locator(`[data-row="${id}"] th`)).toContainText('changed');
  await kz.close();
  await uz.close();
});

test('a new message of someone else is announced with its author; one’s own is not, nor the history', async ({ browser }) => {
  const kz = await contextAs(browser, 'delegate.kz');
  const uz = await contextAs(browser, 'delegate.uz');
  const room = await findRoom(kz, openNamedRoom);
  const page = await kz.newPage();
  await page.goto(`/rooms/${room.id}`);
  await waitUntilLive(page);
  const said = page.getByTestId('announcements');
  await expect(said).toBeEmpty();

  const mine = unique('My own words');
  await page.getByLabel('Your message').fill(mine);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('messages')).toContainText(mine);

  const theirs = unique('Water *releases* agreed');
  await api(uz, 'POST', `/api/v1/threads/${room.id}/messages`, { body: theirs });
  await expect(said).toContainText(`${await nameOf(uz)} (Government · UZ): ${theirs.replace(/\*/g, '')}`);
  await expect(said).not.toContainText(mine);
  // The separator before what is new has a name of its own.
  expect((await accessibilityOf(page.getByTestId('unread-marker'))).name).toBe('New messages');
  await kz.close();
  await uz.close();
});

test('"Stance saved" is in a region that is always there, and each save is a new line in it', async ({ browser }) => {
  const kz = await contextAs(browser, 'delegate.kz');
  const room = await findRoom(kz, (r) => openNamedRoom(r) && r.partners.length === 0);
  const id = await proposeInitiative(kz, room.id, { title: unique('Saved twice'), states: ['KZ', 'TJ'] });
  const page = await kz.newPage();
  await page.goto(`/initiatives/${id}`);
  const status = page.getByTestId('stance-saved');
  await expect(status).toBeAttached();
  await expect(status).toHaveAttribute('role', 'status');
  await expect(status).toBeEmpty();

  await page
    .getByTestId('stance-form')
    .getByLabel(/Endorses/)
    .check();
  await page.getByTestId('save-stance').click();
  await expect(status).toHaveText('Stance saved.');
  await status.locator('p').evaluate((line) => line.setAttribute('data-first', ''));
  await page
    .getByTestId('stance-form')
    .getByLabel(/Steps aside/)
    .check();
  await page.getByTestId('save-stance').click();
  await expect(page.locator('tr[data-state="KZ"] [data-position]')).toHaveAttribute('data-position', 'step_aside');
  // A new node, not the same text left in place: a screen reader hears the second save too.
  await expect(status.locator('p[data-first]')).toHaveCount(0);
  await expect(status).toHaveText('Stance saved.');
  await kz.close();
});
