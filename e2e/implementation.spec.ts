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
 * Implementation in the browser: a delegate reports its state's progress on a formalized text,
 * the chair hears it live and sets a review date already past, and the dashboard shows the
 * implementation beside consensus — "Review overdue" in words, and the map by implementation.
 */
test('KZ reports "in progress" → announced live to the chair → a past review date → overdue on the dashboard and its map', async ({
  browser,
}) => {
  const kz = await contextAs(browser, 'delegate.kz');
  const uz = await contextAs(browser, 'delegate.uz');
  const facilitator = await contextAs(browser, 'facilitator');
  const room = await findRoom(kz, (r) => openNamedRoom(r) && r.partners.length === 0);
  const title = unique('Implemented');
  const id = await proposeInitiative(kz, room.id, { title, states: ['KZ', 'UZ'] }, [
    { context: kz, state: 'KZ', position: 'endorse' },
    { context: uz, state: 'UZ', position: 'endorse' },
  ]);
  await api(facilitator, 'POST', `/api/v1/initiatives/${id}/formalize`);

  const chair = await facilitator.newPage();
  await chair.goto(`/initiatives/${id}`);
  await waitUntilLive(chair);
  const delegate = await kz.newPage();
  await delegate.goto(`/initiatives/${id}`);
  const form = delegate.getByTestId('implementation-form');
  await form.getByLabel('In progress').check();
  await form.getByLabel('Note (what was done, what remains)').fill('Border posts being fitted.');
  await delegate.getByRole('button', { name: 'Save implementation by Kazakhstan' }).click();
  await expect(delegate.getByTestId('implementation-saved')).toHaveText('Implementation saved');
  await expectAccessible(delegate, 'the initiative page with the implementation form');

  await expect(chair.getByTestId('announcements')).toContainText('Kazakhstan: implementation in progress.');
  const kzRow = chair.locator('tr[data-implementation-state="KZ"]');
  await expect(kzRow).toContainText('In progress');
  await expect(kzRow).toContainText('Border posts being fitted.');
  await expect(chair.getByTestId('implementation-whole')).toHaveText('As a whole: In progress');

  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await chair.getByLabel('Review date (leave empty to clear it)').fill(yesterday);
  await chair.getByRole('button', { name: 'Save review date' }).click();
  await expect(chair.getByTestId('review-date-saved')).toHaveText('Review date saved');
  await expect(chair.getByTestId('implementation').getByTestId('review-overdue')).toHaveText('Review overdue');

  const dashboard = await uz.newPage();
  await dashboard.goto('/dashboard');
  await dashboard.getByRole('main').getByLabel('Search', { exact: true }).fill(title);
  await dashboard.getByLabel('Implementation').selectOption('overdue');
  await dashboard.getByRole('button', { name: 'Apply' }).click();
  await expect(dashboard).toHaveURL(/implementation=overdue/);
  const rows = dashboard.getByTestId('matrix').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().locator('[data-implementation]')).toContainText('In progress');
  await expect(rows.first().getByTestId('review-overdue')).toHaveText('Review overdue');
  await expectAccessible(dashboard, 'the dashboard filtered by overdue implementation');

  await dashboard.goto(`/dashboard?focus=${id}&map=implementation`);
  const map = dashboard.getByTestId('stance-map');
  await expect(map.getByTestId('map-states')).toContainText('Kazakhstan: In progress');
  await expect(map.getByTestId('map-states')).toContainText('Uzbekistan: Not started');
  await expect(map.getByRole('link', { name: 'Implementation' })).toHaveAttribute('aria-current', 'true');
  await map.getByRole('link', { name: 'Consensus' }).click();
  await expect(map.getByTestId('map-states')).toContainText('Kazakhstan: Endorses');
});
