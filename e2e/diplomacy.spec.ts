import { api, contextAs, expect, findRoom, openNamedRoom, proposeInitiative, test, unique, waitUntilLive } from './fixtures';

/**
 * Stances as diplomats give them, in the browser: an endorsement ad referendum makes the consensus
 * provisional for everyone watching, live; once the capital confirms, the facilitator formalizes.
 */
test('KZ endorses ad referendum → "Consensus ad referendum" live elsewhere → KZ confirms → the facilitator formalizes', async ({
  browser,
}) => {
  const kz = await contextAs(browser, 'delegate.kz');
  const uz = await contextAs(browser, 'delegate.uz');
  const facilitator = await contextAs(browser, 'facilitator');
  const room = await findRoom(kz, (r) => openNamedRoom(r) && r.partners.length === 0);
  const id = await proposeInitiative(kz, room.id, { title: unique('Ad referendum'), states: ['KZ', 'UZ'] }, [
    { context: uz, state: 'UZ', position: 'endorse' },
  ]);

  const chair = await facilitator.newPage();
  await chair.goto(`/initiatives/${id}`);
  await waitUntilLive(chair);
  const delegate = await kz.newPage();
  await delegate.goto(`/initiatives/${id}`);
  await expect(delegate.getByTestId('stance-version')).toHaveText('This stance is on version 1 of the text.');

  const form = delegate.getByTestId('stance-form');
  await form.getByLabel(/Endorses/).check();
  await form.getByLabel('Ad referendum: pending my capital’s confirmation').check();
  const inTenDays = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel('To be confirmed by').fill(inTenDays);
  await form.getByLabel(/Note to the chair/).fill('The ministry signs on Thursday.');
  await delegate.getByRole('button', { name: 'Save the stance of Kazakhstan' }).click();
  await expect(delegate.getByTestId('stance-saved')).toHaveText('Stance saved.');

  // The chair sees it live: provisional, not yet to be formalized; and reads the note meant for them.
  await expect(chair.getByTestId('initiative-status')).toHaveText('Consensus ad referendum');
  await expect(chair.locator('tr[data-state="KZ"] [data-testid="ad-referendum"]')).toContainText('ad referendum, to be confirmed by');
  await expect(chair.getByTestId('chair-note')).toContainText('The ministry signs on Thursday.');
  await expect(chair.getByTestId('formalize')).toHaveCount(0);
  await expect(chair.getByTestId('announcements')).toContainText(
    'Kazakhstan: Pending → Endorses (ad referendum). Status: Consensus ad referendum.',
  );
  // Uzbekistan's delegate does not read Kazakhstan's note to the chair.
  const other = await uz.newPage();
  await other.goto(`/initiatives/${id}`);
  await expect(other.getByTestId('initiative-status')).toHaveText('Consensus ad referendum');
  await expect(other.getByTestId('chair-note')).toHaveCount(0);

  await delegate.getByRole('button', { name: 'Confirm for Kazakhstan: the capital agrees' }).click();
  await expect(chair.getByTestId('initiative-status')).toHaveText('Consensus');
  await expect(chair.getByTestId('announcements')).toContainText('Kazakhstan confirmed its endorsement.');
  chair.on('dialog', (dialog) => void dialog.accept());
  await chair.getByTestId('formalize').click();
  await expect(chair.getByTestId('initiative-status')).toHaveText('Formalized');
  expect((await api(facilitator, 'GET', `/api/v1/initiatives/${id}`)).status).toBe('formalized');
  for (const context of [kz, uz, facilitator]) await context.close();
});

test('a reservation needs its reason, in the form too, and its condition shows to everyone', async ({ browser }) => {
  const kz = await contextAs(browser, 'delegate.kz');
  const uz = await contextAs(browser, 'delegate.uz');
  const room = await findRoom(kz, (r) => openNamedRoom(r) && r.partners.length === 0);
  const id = await proposeInitiative(kz, room.id, { title: unique('Conditional'), states: ['KZ', 'UZ'] });
  const page = await kz.newPage();
  await page.goto(`/initiatives/${id}`);
  const form = page.getByTestId('stance-form');
  await form.getByLabel(/Reservation/).check();
  await form.getByLabel(/Condition/).fill('would endorse if the annex is agreed');
  await page.getByTestId('save-stance').click();
  await expect(form.getByLabel(/Note or reason/)).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel(/Note or reason/)).toBeFocused();
  await expect(form).toContainText('A reservation gives its reason');
  await page.keyboard.type('The annex is not ready.');
  await page.getByTestId('save-stance').click();
  await expect(page.getByTestId('stance-saved')).toHaveText('Stance saved.');

  const reader = await uz.newPage();
  await reader.goto(`/initiatives/${id}`);
  await expect(reader.getByTestId('stance-condition')).toHaveText('Condition: would endorse if the annex is agreed');
  await reader.goto('/dashboard?detail=conditional');
  await expect(reader.locator(`[data-row="${id}"] td[data-detail="conditional"]`)).toContainText('if…');
  await kz.close();
  await uz.close();
});
