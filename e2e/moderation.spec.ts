import { api, contextAs, expect, expectAccessible, test, unique, waitUntilLive } from './fixtures';

/**
 * Moderation in two browser contexts: a facilitator hides a message and archives the room with
 * the keyboard only; a delegate watching the room sees the text disappear and the write form go,
 * live, each announced in words; a delegate retracts their own message and reports another.
 */
test('a facilitator hides a message and archives the room; the other context sees both live, in words', async ({ browser }) => {
  const facilitator = await contextAs(browser, 'facilitator');
  const delegate = await contextAs(browser, 'delegate.kz');
  const title = unique('Moderated room');
  const room = await api<{ id: number }>(facilitator, 'POST', '/api/v1/threads', {
    title,
    topic: 'water',
    summary: 'A room to tidy and close.',
    states: ['KZ', 'UZ'],
    // Not an open named room: other specs take the newest of those to post in, and this one ends archived.
    attribution: 'chatham',
  });
  const word = `Brambleword${Date.now().toString(36)}`;
  const message = await api<{ id: number }>(delegate, 'POST', `/api/v1/threads/${room.id}/messages`, { body: `A rude remark, ${word}.` });

  const watcher = await delegate.newPage();
  await watcher.goto(`/rooms/${room.id}`);
  await waitUntilLive(watcher);
  await expect(watcher.locator(`#message-${message.id}`)).toContainText(word);
  await expect(watcher.locator('#message-body')).toBeVisible();

  const chair = await facilitator.newPage();
  await chair.goto(`/rooms/${room.id}`);
  await waitUntilLive(chair);
  const item = chair.locator(`#message-${message.id}`);
  // Keyboard only: focus the Hide button, open its form, type the reason, send it.
  await item.getByRole('button', { name: 'Hide' }).focus();
  await chair.keyboard.press('Enter');
  const reason = item.getByLabel('Reason for hiding (required)');
  await expect(reason).toBeFocused();
  await chair.keyboard.press('Enter');
  // Without a reason the server refuses (400) and the form says so.
  await item.getByRole('button', { name: 'Hide the message' }).click();
  await expect(item.getByRole('alert')).toHaveText('Give a reason.');
  await reason.fill('Personal attack');
  await reason.press('Tab');
  await chair.keyboard.press('Enter');
  await expect(item.locator('[data-removed="hidden"]')).toHaveText('Hidden by a facilitator.');
  // The facilitator still reads it, with the reason.
  await expect(item).toContainText(word);
  await expect(item).toContainText('Reason: Personal attack');

  // Live in the delegate's window: the text is gone, and a screen reader hears it.
  await expect(watcher.locator(`#message-${message.id} [data-removed="hidden"]`)).toHaveText('Hidden by a facilitator.');
  await expect(watcher.locator(`#message-${message.id}`)).not.toContainText(word);
  await expect(watcher.getByTestId('announcements')).toContainText('A facilitator hid a message.');

  // The delegate's own message: retracted in place, gone for the facilitator live.
  const own = await api<{ id: number }>(delegate, 'POST', `/api/v1/threads/${room.id}/messages`, { body: 'Withdraw me' });
  const ownItem = watcher.locator(`#message-${own.id}`);
  await expect(ownItem).toContainText('Withdraw me');
  await watcher.reload();
  await waitUntilLive(watcher);
  await ownItem.getByRole('button', { name: 'Retract' }).click();
  await expect(ownItem.getByRole('button', { name: 'Retract for everyone' })).toBeFocused();
  await watcher.keyboard.press('Enter');
  await expect(ownItem.locator('[data-removed="retracted"]')).toHaveText('Retracted by its author.');
  await expect(chair.locator(`#message-${own.id} [data-removed="retracted"]`)).toBeVisible();
  await expect(chair.getByTestId('announcements')).toContainText('A message was retracted.');
  await expectAccessible(watcher);

  // The room's description corrected: topic and states too, seen live by the delegate.
  await chair.getByText('Edit the room: title, topic, summary, states, partners').click();
  await chair.getByLabel('Topic').selectOption('migration');
  await chair.getByRole('group', { name: 'States concerned' }).getByRole('checkbox', { name: /TJ/ }).check();
  await chair.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(chair.getByText('Room updated.')).toBeVisible();
  await expect(watcher.locator('header .badge-topic')).toHaveText('Migration');
  await expect(watcher.locator('header .badge-state', { hasText: 'TJ' })).toBeVisible();

  // Archiving, by keyboard, with a confirmation.
  await chair.getByRole('button', { name: 'Archive this room' }).focus();
  await chair.keyboard.press('Enter');
  await expect(chair.getByTestId('archive-confirm')).toBeFocused();
  await chair.keyboard.press('Enter');
  await expect(chair.getByTestId('archived-notice')).toContainText('Archived.');
  // The delegate's form goes away at once, and the change is said in words.
  await expect(watcher.locator('#message-body')).toHaveCount(0);
  await expect(watcher.getByTestId('archived-notice').first()).toBeVisible();
  await expect(watcher.getByTestId('announcements')).toContainText('This room was archived: it is read-only now.');
  await expect(watcher.getByRole('button', { name: 'Retract' })).toHaveCount(0);
  await expectAccessible(chair);
});

test('a delegate reports a message; the facilitator closes the report from the queue, and the audit lists the hiding', async ({
  browser,
}) => {
  const facilitator = await contextAs(browser, 'facilitator');
  const reporter = await contextAs(browser, 'delegate.uz');
  const author = await contextAs(browser, 'delegate.kz');
  const room = await api<{ id: number }>(facilitator, 'POST', '/api/v1/threads', {
    title: unique('Reported room'),
    topic: 'trade',
    summary: 'Reports.',
    states: ['KZ', 'UZ'],
    attribution: 'chatham',
  });
  const message = await api<{ id: number }>(author, 'POST', `/api/v1/threads/${room.id}/messages`, { body: 'A doubtful figure' });
  const page = await reporter.newPage();
  await page.goto(`/rooms/${room.id}`);
  const item = page.locator(`#message-${message.id}`);
  await item.getByRole('button', { name: 'Report' }).click();
  await item.getByLabel('Why should the facilitators look at this message?').fill('The figure is wrong');
  await item.getByRole('button', { name: 'Send the report' }).click();
  await expect(item.getByRole('status')).toHaveText('Report sent to the facilitators.');

  const queue = await facilitator.newPage();
  await queue.goto('/facilitation/reports');
  const report = queue.getByTestId('report').filter({ hasText: 'The figure is wrong' });
  await expect(report).toContainText('A doubtful figure');
  await expectAccessible(queue);
  await report.getByRole('button', { name: 'Dismiss' }).click();
  await expect(queue.getByTestId('report').filter({ hasText: 'The figure is wrong' })).toHaveCount(0);

  // A facilitator's open room page shows the hiding and its reason live, whoever hid it and where.
  const roomPage = await facilitator.newPage();
  await roomPage.goto(`/rooms/${room.id}`);
  await expect(roomPage.locator(`#message-${message.id}`)).toContainText('A doubtful figure');
  await api(facilitator, 'POST', `/api/v1/messages/${message.id}/hide`, { reason: 'Audit trail' });
  await expect(roomPage.locator(`#message-${message.id} [data-removed="hidden"]`)).toHaveText('Hidden by a facilitator.');
  await expect(roomPage.locator(`#message-${message.id}`)).toContainText('Reason: Audit trail');
  await queue.goto('/facilitation/audit?type=message.hidden');
  await expect(queue.getByTestId('audit')).toContainText('Reason: Audit trail');
  // Actions in words, in the filter and in the table, not event codes.
  await expect(queue.getByLabel('Action').locator('option:checked')).toHaveText('Message hidden');
  await expect(queue.getByTestId('audit').getByRole('row').nth(1)).toContainText('Message hidden');
  await expect(queue.getByTestId('audit')).not.toContainText('message.hidden');
  await expectAccessible(queue);
});
