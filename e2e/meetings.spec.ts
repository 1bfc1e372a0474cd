import { api, contextAs, expect, findRoom, openNamedRoom, proposeInitiative, test, unique, waitUntilLive } from './fixtures';

/**
 * A ministerial meeting end to end, in the browser: the facilitator schedules it with an agenda;
 * the chair state's delegate drafts the readout; each attending state approves it in its own
 * window, the other seeing every step live; once released it is on the public page, signed out.
 * And a delegate subscribes to their meetings with the calendar address the calendar page gives.
 */
test('schedule a ministerial meeting → draft the readout → approve in two windows → released live → public signed out', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const facilitator = await contextAs(browser, 'facilitator');
  const kz = await contextAs(browser, 'delegate.kz');
  const uz = await contextAs(browser, 'delegate.uz');
  const room = await findRoom(kz, (r) => openNamedRoom(r) && r.partners.length === 0);
  const agendaTitle = unique('Gauging stations');
  const initiativeId = await proposeInitiative(kz, room.id, { title: agendaTitle, states: ['KZ', 'UZ'] }, [
    { context: uz, state: 'UZ', position: 'endorse' },
  ]);
  const title = unique('Water ministers');

  // The facilitator schedules it: wall-clock times in the meeting's zone, an ordered agenda.
  const chair = await facilitator.newPage();
  await chair.goto('/meetings');
  await chair.getByRole('link', { name: 'Schedule a meeting' }).click();
  await chair.getByLabel('Title').fill(title);
  await chair.getByLabel('Level').selectOption('ministerial');
  await chair.getByLabel('The meeting’s time zone').selectOption('Asia/Bishkek');
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await chair.getByLabel('Starts').fill(`${day}T10:00`);
  await chair.getByLabel('Ends').fill(`${day}T13:00`);
  await chair.getByLabel('Place').fill('Bishkek, Ala-Archa residence');
  await chair.getByRole('group', { name: 'Attending states' }).getByLabel(/KZ/).check();
  await chair.getByRole('group', { name: 'Attending states' }).getByLabel(/UZ/).check();
  await chair.getByLabel('Chair', { exact: true }).selectOption('UZ');
  await chair.getByRole('button', { name: 'Add an agenda item' }).click();
  await chair.getByLabel('Item 1: title').fill('Any other business');
  await chair.getByRole('button', { name: 'Add an agenda item' }).click();
  await chair.getByLabel('Item 2: initiative').selectOption(String(initiativeId));
  // The initiative goes first, with the keyboard: focus stays on the moved item's button.
  await chair.getByRole('button', { name: 'Move item 2 up' }).press('Enter');
  await expect(chair.getByRole('button', { name: 'Move item 1 down' })).toBeFocused();
  await expect(chair.getByTestId('announcements')).toContainText(`“${agendaTitle}” is now item 1.`);
  await chair.getByRole('button', { name: 'Schedule the meeting' }).click();
  await chair.waitForURL(/\/meetings\/\d+$/);
  const meetingId = Number(chair.url().split('/').pop());
  await expect(chair.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(chair.locator('.meeting-time time')).toHaveText(/10:00\sAM\s–\s1:00\sPM\s\(Asia\/Bishkek\)/);
  const agenda = chair.getByTestId('agenda').locator(':scope > li');
  await expect(agenda).toHaveCount(2);
  await expect(agenda.first()).toContainText(agendaTitle);
  await expect(agenda.first()).toContainText('Consultation');
  await expect(agenda.last()).toHaveText('Any other business');

  // Both delegates open it; the agenda's initiative is live: KZ's endorsement moves it to consensus.
  const uzPage = await uz.newPage();
  await uzPage.goto(`/meetings/${meetingId}`);
  await waitUntilLive(uzPage);
  const kzPage = await kz.newPage();
  await kzPage.goto(`/meetings/${meetingId}`);
  await waitUntilLive(kzPage);
  await api(kz, 'PUT', `/api/v1/initiatives/${initiativeId}/stances/KZ`, { position: 'endorse' });
  await expect(uzPage.getByTestId('agenda').locator(':scope > li').first()).toContainText('Consensus');

  // Uzbekistan chairs: its delegate drafts the readout; Kazakhstan's window shows it live.
  await expect(kzPage.getByTestId('readout-form')).toHaveCount(0);
  await uzPage.getByLabel('Draft the readout').fill('The ministers **agreed** to share gauging data every ten days.');
  await uzPage.getByRole('button', { name: 'Save the draft' }).click();
  await expect(uzPage.getByTestId('readout-status')).toHaveText('Readout in draft');
  await expect(kzPage.getByTestId('readout')).toContainText('agreed to share gauging data');
  await expect(kzPage.getByTestId('announcements')).toContainText('The readout was revised (version 1)');

  // Kazakhstan approves; Uzbekistan sees it live, then approves too: released, live in both windows.
  await kzPage.getByRole('button', { name: 'Approve this text for Kazakhstan' }).click();
  await expect(uzPage.getByTestId('approvals').locator('tr[data-state="KZ"]')).toContainText('Approved');
  await expect(uzPage.getByTestId('announcements')).toContainText('Kazakhstan approved the readout.');
  await uzPage.getByRole('button', { name: 'Approve this text for Uzbekistan' }).click();
  await expect(kzPage.getByTestId('readout-status')).toHaveText('Readout released');
  await expect(kzPage.getByTestId('announcements')).toContainText('The readout was released');
  await expect(chair.getByTestId('readout-status')).toHaveText('Readout released');
  await expect(kzPage.getByTestId('outcomes')).toContainText(agendaTitle);
  await expect(kzPage.getByTestId('outcomes').getByRole('link', { name: agendaTitle })).toHaveAttribute(
    'href',
    `/initiatives/${initiativeId}`,
  );

  // The region's public reads it, signed out: what was agreed, not who said it.
  const visitor = await (await contextAs(browser, null)).newPage();
  await visitor.goto('/readouts');
  const published = visitor.getByTestId('public-readout').filter({ hasText: title });
  await expect(published).toContainText('The ministers agreed to share gauging data every ten days.');
  await expect(published).toContainText(agendaTitle);
  await expect(published).not.toContainText(await api<{ name: string }>(uz, 'GET', '/api/v1/me').then((me) => me.name));
  for (const context of [facilitator, kz, uz]) await context.close();
});

test('a delegate subscribes to their meetings: the calendar page gives an address a calendar program reads', async ({ browser }) => {
  const kz = await contextAs(browser, 'delegate.kz');
  const facilitator = await contextAs(browser, 'facilitator');
  const title = unique('Senior officials');
  const { id } = await api<{ id: number }>(facilitator, 'POST', '/api/v1/meetings', {
    title,
    level: 'senior_officials',
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + 90_000_000).toISOString(),
    timezone: 'Asia/Almaty',
    states: ['KZ', 'KG'],
  });
  const page = await kz.newPage();
  await page.goto('/meetings');
  await expect(page.getByTestId('upcoming')).toContainText(title);
  const address = await page.getByLabel('Your calendar address').inputValue();
  // A calendar program fetches it without any session.
  const feed = await (await browser.newContext()).request.get(address);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  const body = await feed.text();
  expect(body).toContain(`UID:meeting-${id}@chaikhana`);
  expect(body).toContain(`SUMMARY:${title}`);

  await page.getByRole('button', { name: 'Make a new address' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'A new address is ready' })).toBeVisible();
  await expect(page.getByLabel('Your calendar address')).not.toHaveValue(address);
  expect((await (await browser.newContext()).request.get(address)).status()).toBe(404);
  for (const context of [facilitator, kz]) await context.close();
});
