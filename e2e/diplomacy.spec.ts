import fs from 'node:fs';
import {
  api,
  contextAs,
  expect,
  findRoom,
  openNamedRoom,
  proposeInitiative,
  signInThroughPage,
  test,
  unique,
  waitUntilLive,
} from './fixtures';

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
  // Read as one sentence when both events arrive together (announcements.spec.ts), as two on a busy machine.
  await expect(chair.getByTestId('announcements')).toContainText('Kazakhstan: Pending → Endorses (ad referendum).');
  await expect(chair.getByTestId('announcements')).toContainText('Status: Consensus ad referendum.');
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

test('a facilitator puts a text to silence in the browser; both watching see it concluded, the text adopted', async ({ browser }) => {
  const kz = await contextAs(browser, 'delegate.kz');
  const uz = await contextAs(browser, 'delegate.uz');
  const facilitator = await contextAs(browser, 'facilitator');
  const room = await findRoom(kz, (r) => openNamedRoom(r) && r.partners.length === 0);
  const id = await proposeInitiative(kz, room.id, { title: unique('By silence'), states: ['KZ', 'UZ'] }, [
    { context: kz, state: 'KZ', position: 'endorse' },
  ]);
  const chair = await facilitator.newPage();
  await chair.goto(`/initiatives/${id}`);
  const delegate = await uz.newPage();
  await delegate.goto(`/initiatives/${id}`);
  await waitUntilLive(chair);
  await waitUntilLive(delegate);

  // The picker takes the facilitator's own time: twelve seconds from now, as their clock shows it.
  const local = await chair.evaluate(() => {
    const at = new Date(Date.now() + 12_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
  });
  await chair.getByLabel('Deadline (your time)').fill(local);
  await chair.getByRole('button', { name: 'Start the silence procedure' }).click();

  // Uzbekistan's delegate sees the countdown, who may break silence, and the means to.
  await expect(delegate.getByTestId('silence')).toContainText('May still break silence: Kazakhstan, Uzbekistan.');
  await expect(delegate.getByTestId('silence-countdown')).toContainText(/s left/);
  await expect(delegate.getByRole('button', { name: 'Break silence for Uzbekistan' })).toBeVisible();
  await expect(delegate.getByTestId('announcements')).toContainText('A silence procedure started.');

  // Nobody breaks it: at the deadline both pages show the text adopted.
  for (const page of [chair, delegate]) {
    await expect(page.getByTestId('initiative-status')).toHaveText('Formalized', { timeout: 30_000 });
    await expect(page.getByTestId('timeline')).toContainText('Silence held: the text is adopted');
    await expect(page.locator('tr[data-state="UZ"] [data-position]')).toHaveAttribute('data-position', 'endorse');
  }
  await expect(delegate.getByTestId('timeline')).toContainText('UZ: Pending → Endorses on version 1 (deemed, by silence)');
  await expect(delegate.getByTestId('announcements')).toContainText('Silence held: the text is adopted.');
  for (const context of [kz, uz, facilitator]) await context.close();
});

test('a delegate breaks silence with a reason, and the procedure ends for everyone', async ({ browser }) => {
  const kz = await contextAs(browser, 'delegate.kz');
  const uz = await contextAs(browser, 'delegate.uz');
  const facilitator = await contextAs(browser, 'facilitator');
  const room = await findRoom(kz, (r) => openNamedRoom(r) && r.partners.length === 0);
  const id = await proposeInitiative(kz, room.id, { title: unique('Silence broken'), states: ['KZ', 'UZ'] });
  await api(facilitator, 'POST', `/api/v1/initiatives/${id}/silence`, { deadline: new Date(Date.now() + 3_600_000).toISOString() });
  const chair = await facilitator.newPage();
  await chair.goto(`/initiatives/${id}`);
  await waitUntilLive(chair);
  const delegate = await uz.newPage();
  await delegate.goto(`/initiatives/${id}`);
  await delegate.getByRole('button', { name: 'Break silence for Uzbekistan' }).click();
  await expect(delegate.getByLabel('Why your state breaks silence (visible to all)')).toBeFocused();
  await delegate.keyboard.type('The quotas are not settled.');
  await delegate.getByRole('button', { name: 'Break silence for Uzbekistan' }).click();
  await expect(chair.getByTestId('silence')).toHaveCount(0);
  await expect(chair.getByTestId('timeline')).toContainText('UZ broke silence — “The quotas are not settled.”');
  await expect(chair.getByTestId('announcements')).toContainText('Silence was broken.');
  for (const context of [kz, uz, facilitator]) await context.close();
});

test('a facilitator makes an account the EU’s representative, who brings the EU in as +EU', async ({ browser }) => {
  const kz = await contextAs(browser, 'delegate.kz');
  const facilitator = await contextAs(browser, 'facilitator');
  const visitor = await contextAs(browser, null);
  const email = `${unique('envoy').replace(/\W/g, '')}@example.org`;
  const { request } = visitor;
  expect(
    (
      await request.post('/api/v1/register', { data: { name: 'EU Envoy', email, password: 'envoy-password-1', affiliation: 'expert' } })
    ).status(),
  ).toBe(201);
  const envoyId = (await api<{ items: { id: number; email: string }[] }>(facilitator, 'GET', '/api/v1/participants')).items.find(
    (p) => p.email === email,
  )!.id;

  // In the facilitation page: the same select offers states and partners.
  const desk = await facilitator.newPage();
  await desk.goto('/facilitation');
  await desk.getByLabel('Delegation of EU Envoy').selectOption('partner:EU');
  await desk.getByTestId(`participant-${envoyId}`).getByRole('button', { name: 'Save' }).click();
  await expect(desk.getByTestId(`participant-${envoyId}`)).toContainText('Partner');

  const room = await findRoom(kz, (r) => openNamedRoom(r) && r.partners.length === 0);
  const id = await proposeInitiative(kz, room.id, { title: unique('With the EU'), states: ['KZ', 'UZ'] });
  const page = await visitor.newPage();
  await signInThroughPage(page, email, 'envoy-password-1');
  await page.goto(`/initiatives/${id}`);
  await page.getByRole('button', { name: 'Join as +EU' }).click();
  await expect(page.getByTestId('format-label')).toHaveText('CA-2 + EU');
  await expect(page.getByTestId('stance-form')).toHaveCount(0);
  await expect(page.getByTestId('timeline')).toContainText('EU Envoy (Partner) brought EU in as a partner (+EU)');
  for (const context of [kz, facilitator, visitor]) await context.close();
});

const ru = JSON.parse(fs.readFileSync(new URL('../messages/ru.json', import.meta.url), 'utf8')) as { Errors: Record<string, string> };

test('a form’s error is in the page’s language: a reservation without its reason, in Russian', async ({ browser }) => {
  const kz = await contextAs(browser, 'delegate.kz');
  const room = await findRoom(kz, (r) => openNamedRoom(r) && r.partners.length === 0);
  const id = await proposeInitiative(kz, room.id, { title: unique('Reason in Russian'), states: ['KZ', 'UZ'] });
  const page = await kz.newPage();
  await page.goto('/');
  await kz.addCookies([{ name: 'NEXT_LOCALE', value: 'ru', url: page.url() }]);
  await page.goto(`/initiatives/${id}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  const form = page.getByTestId('stance-form');
  await form.locator('input[name="position"][value="reservation"]').check();
  await page.getByTestId('save-stance').click();
  await expect(form.locator('textarea[name="note"]')).toHaveAttribute('aria-invalid', 'true');
  await expect(form).toContainText(ru.Errors.reservationReason);
  await expect(form).not.toContainText('A reservation gives its reason');
  await kz.close();
});
