import { accessibilityOf, contrast, contextAs, expect, findRoom, proposeInitiative, test, unique } from './fixtures';

const waterRoom = (room: { topic: string; visibility: string }) => room.topic === 'water' && room.visibility === 'open';

test('a filtered view lives in the URL: text + water + CA-2, shared with a second participant', async ({ browser }) => {
  const kzContext = await contextAs(browser, 'delegate.kz');
  const room = await findRoom(kzContext, waterRoom);
  const title = unique('Joint monitoring of a shared aquifer');
  await proposeInitiative(kzContext, room.id, { title, states: ['KZ', 'UZ'] });

  const kz = await kzContext.newPage();
  await kz.goto('/dashboard');
  await kz.getByRole('main').getByLabel('Search', { exact: true }).fill(title);
  await kz.getByLabel('Topic').selectOption('water');
  await kz.getByLabel('Format').selectOption('CA-2');
  await kz.getByRole('button', { name: 'Apply' }).click();
  await expect(kz).toHaveURL(/topic=water/);
  await expect(kz).toHaveURL(/format=CA-2/);
  const rows = kz.getByTestId('matrix').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(title);
  await expect(kz.getByTestId('matching')).toContainText('1 initiative');

  const expert = await (await contextAs(browser, 'expert')).newPage();
  await expert.goto(kz.url());
  await expect(expert.getByTestId('matrix').locator('tbody tr')).toHaveCount(1);
  await expect(expert.getByTestId('matrix')).toContainText(title);
  await expect(expert.getByLabel('Topic')).toHaveValue('water');
});

test('a stance changed elsewhere updates its cell live, with a visible mark', async ({ browser }) => {
  const kzContext = await contextAs(browser, 'delegate.kz');
  const uzContext = await contextAs(browser, 'delegate.uz');
  const room = await findRoom(kzContext, waterRoom);
  const title = unique('Reservoir release schedule');
  const id = await proposeInitiative(kzContext, room.id, { title, states: ['KZ', 'UZ'] }, [
    { context: uzContext, state: 'UZ', position: 'endorse' },
  ]);

  const watcher = await (await contextAs(browser, 'observer')).newPage();
  await watcher.goto(`/dashboard?q=${encodeURIComponent(title)}`);
  await expect(watcher.getByTestId('connection-status')).toHaveAttribute('data-connection', 'live');
  const row = watcher.locator(`[data-row="${id}"]`);
  // The cell of Kazakhstan, the first state column.
  const cell = row.locator('> :nth-child(3)');
  await expect(cell).toHaveAttribute('data-position', 'pending');

  const kz = await kzContext.newPage();
  await kz.goto(`/initiatives/${id}`);
  await kz
    .getByTestId('stance-form')
    .getByLabel(/Endorses/)
    .check();
  await kz.getByTestId('save-stance').click();

  await expect(cell).toHaveAttribute('data-position', 'endorse');
  await expect(cell).toHaveAttribute('data-flash', 'true');
  await expect(row).toContainText('Consensus');
});

test('the map and the chart render from real data', async ({ browser }, testInfo) => {
  const page = await (await contextAs(browser, 'delegate.uz')).newPage();
  await page.goto('/dashboard');
  const map = page.getByTestId('stance-map');
  await expect(map.locator('svg [data-state]')).toHaveCount(5);
  await expect(map.getByTestId('map-states')).toContainText('Uzbekistan: endorses');
  await testInfo.attach('map', { body: await map.screenshot(), contentType: 'image/png' });
  const chart = page.getByTestId('status-chart');
  await expect(chart.locator('svg.chart > rect:not([height="0"])').first()).toBeVisible();
  expect(await chart.locator('svg.chart > rect:not([height="0"])').count()).toBeGreaterThan(2);
  await testInfo.attach('chart', { body: await chart.screenshot(), contentType: 'image/png' });

  await page
    .getByRole('link', { name: /^Show .* on the map$/ })
    .first()
    .click();
  await expect(page).toHaveURL(/focus=\d+/);
  await expect(page.getByTestId('stance-map')).toContainText('Stances on');
  await testInfo.attach('map-stances', { body: await page.getByTestId('stance-map').screenshot(), contentType: 'image/png' });
});

test('the map and the chart are not told by colour alone, and each is read once, in words', async ({ browser }) => {
  const page = await (await contextAs(browser, 'delegate.uz')).newPage();
  await page.goto('/dashboard');
  const firstRow = page.locator('[data-row]').first();
  const title = await firstRow.locator('th a').first().innerText();
  await firstRow.getByRole('link', { name: `Show ${title} on the map` }).click();
  await expect(page).toHaveURL(/focus=\d+/);

  const map = page.getByTestId('stance-map');
  // The picture is hidden from screen readers; the figure is named once, by its caption, which says each state's stance.
  await expect(map.locator('svg.map')).toHaveAttribute('aria-hidden', 'true');
  expect((await accessibilityOf(map)).name).toBe(`Stances on “${title}”`);
  await expect(map.getByTestId('map-states').locator('li')).toHaveCount(5);
  for (const item of await map.getByTestId('map-states').locator('li').all())
    await expect(item).toHaveText(
      /^(Kazakhstan|Kyrgyzstan|Tajikistan|Turkmenistan|Uzbekistan): (Endorses|Reservation|Steps aside|Pending|not taking part)$/,
    );
  // Drawn on the map too: each state's code with its stance's mark.
  await expect(map.locator('svg text')).toHaveText(Array(5).fill(/^[A-Z]{2} [✓!↷…—]$/));

  // Series whose colours are closer than 3:1 differ by their texture.
  const chart = page.getByTestId('status-chart');
  for (const swatches of [map.getByTestId('map-key').locator('svg.swatch'), chart.locator('svg.swatch')]) {
    const paints = await swatches.evaluateAll((all) => all.map((s) => ({ color: s.dataset.color!, texture: s.dataset.texture! })));
    expect(paints.length).toBeGreaterThanOrEqual(4);
    for (const [i, a] of paints.entries())
      for (const b of paints.slice(i + 1))
        expect(contrast(a.color, b.color) >= 3 || a.texture !== b.texture, `${a.color}/${a.texture} and ${b.color}/${b.texture}`).toBe(
          true,
        );
  }

  // The chart's figures as a table, reachable by keyboard.
  await expect(chart.locator('svg.chart')).toHaveAttribute('aria-hidden', 'true');
  await chart.locator('summary').focus();
  await page.keyboard.press('Enter');
  const table = chart.getByRole('table', { name: 'Consensus over time: initiatives per status by week' });
  await expect(table).toBeVisible();
  await expect(table.locator('thead th')).toHaveText(['Week', 'Consultation', 'Reservations', 'Consensus', 'Formalized']);
  const lastWeek = (await table.locator('tbody tr').last().locator('td').allInnerTexts()).map(Number);
  const inAll = Number((await page.getByTestId('totals').innerText()).match(/(\d+) initiatives in all/)![1]);
  expect(lastWeek.reduce((a, b) => a + b, 0)).toBe(inAll);
});
