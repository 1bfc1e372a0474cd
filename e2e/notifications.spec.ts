import {
  api,
  contextAs,
  expect,
  expectAccessible,
  findRoom,
  openNamedRoom,
  proposeInitiative,
  test,
  unique,
  waitUntilLive,
} from './fixtures';

/**
 * Notifications in the browser: Kazakhstan proposes a text naming Kyrgyzstan while Kyrgyzstan's
 * delegate has a room open in another window. The bell counts up and says it in words, the
 * notifications page lists it under what needs the delegate, and following it — by keyboard —
 * leads to the initiative and marks it read.
 */
test('a proposal naming KG: the bell counts up live and announces it; the list leads to the initiative and marks it read', async ({
  browser,
}) => {
  const kz = await contextAs(browser, 'delegate.kz');
  const kg = await contextAs(browser, 'delegate.kg');
  const room = await findRoom(kz, (r) => openNamedRoom(r) && r.partners.length === 0);
  await api(kg, 'POST', '/api/v1/notifications/read', { all: true });

  const page = await kg.newPage();
  await page.goto(`/rooms/${room.id}`);
  await waitUntilLive(page);
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toHaveAccessibleName('Notifications, none unread');

  const title = unique('Seed exchange');
  const id = await proposeInitiative(kz, room.id, { title, states: ['KZ', 'KG'] });
  await expect(bell).toHaveAccessibleName('Notifications, 1 unread');
  await expect(bell).toContainText('1');
  await expect(page.getByTestId('announcements')).toContainText(`New notification: New initiative naming Kyrgyzstan: “${title}”`);

  // By keyboard: the bell, then the notification.
  await bell.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notifications');
  const needs = page.getByRole('region', { name: 'Needs you or your state' });
  const item = needs.getByTestId('notification').filter({ hasText: title });
  await expect(item).toContainText('unread');
  await expectAccessible(page, 'the notifications page');
  await item.getByRole('link', { name: `New initiative naming Kyrgyzstan: “${title}”` }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/initiatives/${id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByTestId('notification-bell')).toHaveAccessibleName('Notifications, none unread');

  // A delegate follows their state's initiatives without asking; a room is followed by choice.
  await expect(page.getByTestId('follows-by-delegation')).toHaveText('As a delegate of Kyrgyzstan you follow this initiative anyway.');
  await page.goto(`/rooms/${room.id}`);
  const follow = page.getByTestId('follow');
  const was = (await follow.textContent())?.trim();
  await follow.click();
  await expect(follow).toHaveText(was === 'Follow' ? 'Stop following' : 'Follow');
  expect(
    (await api<{ items: unknown[] }>(kg, 'GET', '/api/v1/follows')).items.some(
      (f) => JSON.stringify(f) === JSON.stringify({ threadId: room.id, following: true }),
    ),
  ).toBe(was === 'Follow');
  if (was === 'Follow') await api(kg, 'DELETE', '/api/v1/follows', { threadId: room.id });
});

test('the profile keeps the email choice and the kinds turned off', async ({ browser }) => {
  const uz = await contextAs(browser, 'delegate.uz');
  const page = await uz.newPage();
  await page.goto('/profile#notifications');
  const settings = page.getByRole('region', { name: 'Notifications' });
  await settings.getByLabel('Each notification at once').check();
  await settings.getByLabel('a meeting of my room is scheduled').uncheck();
  await settings.getByRole('button', { name: 'Save notification settings' }).click();
  await expect(settings.getByRole('status')).toHaveText('Notification settings saved.');
  await expectAccessible(page, 'the profile with notification settings');
  const saved = await api<{ email: string; types: Record<string, boolean> }>(uz, 'GET', '/api/v1/me/notifications');
  expect(saved.email).toBe('immediate');
  expect(saved.types.meeting_scheduled).toBe(false);
  expect(saved.types.readout_awaiting).toBe(true);
  await api(uz, 'PUT', '/api/v1/me/notifications', { email: 'daily', types: { meeting_scheduled: true } });
});
