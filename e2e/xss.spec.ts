import type { BrowserContext, Page } from '@playwright/test';
import { buildPages } from '../tests/helpers/pages';
import { api, contextAs, expect, test, unique } from './fixtures';

/**
 * Hostile content (OWASP filter-evasion payloads) in every user-written field — a participant's
 * name and organization, a room's title and summary, an initiative's title and summary, a stance
 * note, a message, an API token's name — must render as inert text on every page of the build (as
 * the facilitator, and as the attacker, whose own name is in every page's header), on the live
 * path and in tooltips. Pages run with the CSP bypassed, so this proves the escaping itself; a
 * canary records any execution. Every write is checked to have been accepted, so the pages really
 * show the payloads.
 */
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '"><svg/onload=window.__xss=3>',
  "'';!--\"<XSS>=&{()}",
  '<iframe src="javascript:window.__xss=4"></iframe>',
  '<a href="jav&#x09;ascript:window.__xss=5">tab</a>',
  '[link](javascript:window.__xss=6) [data](data:text/html,<script>window.__xss=7</script>)',
  '<details open ontoggle=window.__xss=8>',
  '<body onload=window.__xss=9>',
  '{{constructor.constructor("window.__xss=10")()}}',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=11>',
  '\u003cscript\u003ewindow.__xss=12\u003c/script\u003e',
];
const HOSTILE = PAYLOADS.join(' ');
const SCRIPT = PAYLOADS[0];

/** Signs a context in through next-auth's own routes, as a script would. */
async function signIn(context: BrowserContext, email: string, password: string): Promise<void> {
  const { csrfToken } = await api<{ csrfToken: string }>(context, 'GET', '/api/auth/csrf');
  const response = await context.request.post('/api/auth/callback/credentials', { form: { csrfToken, email, password, json: 'true' } });
  expect(response.status()).toBe(200);
}

/** A page with a canary: any payload that runs sets window.__xss. */
async function canaryPage(context: BrowserContext): Promise<Page> {
  await context.addInitScript(() => {
    (window as unknown as { __xss: number }).__xss = 0;
    window.alert = () => ((window as unknown as { __xss: number }).__xss = 99);
  });
  return context.newPage();
}

const fired = (page: Page) => page.evaluate(() => (window as unknown as { __xss: number }).__xss);

test('hostile content in every user-written field stays inert on every page', async ({ browser }) => {
  test.setTimeout(180_000);
  // The attacker registers with a hostile name and organization, then writes everything it may.
  const attacker = await browser.newContext({ bypassCSP: true });
  const email = `${unique('eve').replace(/\W/g, '.')}@example.org`;
  const name = `<img src=x onerror=window.__xss=20>Eve`;
  const organization = PAYLOADS[2];
  await api(
    attacker,
    'POST',
    '/api/v1/register',
    { name, email, password: 'hostile-password-1', affiliation: 'expert', organization },
    [201],
  );
  await signIn(attacker, email, 'hostile-password-1');
  const roomTitle = `Room ${SCRIPT}`;
  const { id: roomId } = await api<{ id: number }>(
    attacker,
    'POST',
    '/api/v1/threads',
    {
      title: roomTitle,
      topic: 'trade',
      summary: HOSTILE,
      states: ['KZ', 'UZ'],
      partners: ['EU'],
    },
    [201],
  );
  const initiativeTitle = `Initiative ${PAYLOADS[1]}`;
  const { id: initiativeId } = await api<{ id: number }>(
    attacker,
    'POST',
    `/api/v1/threads/${roomId}/initiatives`,
    {
      title: initiativeTitle,
      summary: HOSTILE,
      states: ['KZ', 'UZ'],
    },
    [201],
  );
  await api(attacker, 'POST', `/api/v1/threads/${roomId}/messages`, { body: HOSTILE }, [201]);
  // Token names are at most 60 characters: one token per payload that fits.
  const tokenNames = PAYLOADS.filter((p) => p.length <= 54).map((p) => `Token ${p}`);
  for (const tokenName of tokenNames) await api(attacker, 'POST', '/api/v1/me/tokens', { name: tokenName }, [201]);
  const kz = await contextAs(browser, 'delegate.kz');
  await api(kz, 'PUT', `/api/v1/initiatives/${initiativeId}/stances/KZ`, { position: 'reservation', note: HOSTILE }, [200]);

  // A meeting of the attacker's room with hostile agenda items, and a hostile readout released to the public page.
  const facilitator = await browser.newContext({ storageState: 'e2e/.auth/facilitator.json', bypassCSP: true });
  const meetingTitle = `Meeting ${SCRIPT}`;
  const { id: meetingId } = await api<{ id: number }>(
    facilitator,
    'POST',
    '/api/v1/meetings',
    {
      threadId: roomId,
      title: meetingTitle,
      level: 'expert',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 90_000_000).toISOString(),
      timezone: 'Asia/Almaty',
      place: PAYLOADS[3],
      chairState: 'KZ',
      states: ['KZ'],
      agenda: [{ initiativeId }, { title: PAYLOADS[4] }],
    },
    [201],
  );
  await api(kz, 'PUT', `/api/v1/meetings/${meetingId}/readout`, { body: HOSTILE }, [200]);
  await api(kz, 'POST', `/api/v1/meetings/${meetingId}/readout/approve`, {}, [200]);
  // Moderation: a hostile report reason (the reports queue) and a hostile hiding reason (the room for facilitators, the audit).
  const { id: reported } = await api<{ id: number }>(kz, 'POST', `/api/v1/threads/${roomId}/messages`, { body: 'Reported words' }, [201]);
  const reportReason = `Report ${SCRIPT}`;
  const hideReason = `Hidden ${PAYLOADS[1]}`;
  await api(attacker, 'POST', `/api/v1/messages/${reported}/reports`, { reason: reportReason }, [201]);
  await api(facilitator, 'POST', `/api/v1/messages/${reported}/hide`, { reason: hideReason }, [200]);

  const paths = [
    ...buildPages().map((route) =>
      route
        .replace('/rooms/[id]', `/rooms/${roomId}`)
        .replace('/initiatives/[id]', `/initiatives/${initiativeId}`)
        .replace('/meetings/[id]', `/meetings/${meetingId}`)
        .replace('/unsubscribe/[token]', '/unsubscribe/1-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
    ),
    `/dashboard?focus=${initiativeId}`,
    `/initiatives?q=${encodeURIComponent('Initiative')}`,
    // Search results: the hostile room title and message as snippets and titles, words marked.
    '/search?q=xss%20script',
  ];
  expect(paths).toHaveLength(27);
  for (const [who, context] of [
    ['facilitator', facilitator],
    ['attacker', attacker],
  ] as const) {
    const page = await canaryPage(context);
    for (const path of paths) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      expect(await fired(page), `${who} ${path}`).toBe(0);
      expect(await page.locator('script:not([src]):not([nonce])').count(), `${who} ${path}`).toBe(0);
    }
  }

  // Each field is shown, as text, where it belongs.
  const shown: [BrowserContext, string, string[]][] = [
    [attacker, '/profile', [name, organization, ...tokenNames]],
    [facilitator, '/facilitation', [name]],
    [facilitator, `/rooms/${roomId}/propose`, [roomTitle]],
    [facilitator, `/rooms/${roomId}`, [roomTitle, SCRIPT, name]],
    [facilitator, `/initiatives/${initiativeId}`, [initiativeTitle, SCRIPT]],
    [attacker, `/rooms/new`, [name]],
    [facilitator, `/meetings/${meetingId}`, [meetingTitle, SCRIPT, PAYLOADS[3], PAYLOADS[4]]],
    [attacker, '/readouts', [meetingTitle, SCRIPT]],
    [facilitator, '/search?q=xss%20script', [roomTitle, SCRIPT]],
    [facilitator, '/facilitation/reports', [reportReason, roomTitle]],
    [facilitator, '/facilitation/audit', [hideReason, roomTitle]],
  ];
  for (const [context, path, texts] of shown) {
    const page = await canaryPage(context);
    await page.goto(path);
    for (const text of texts) await expect(page.getByText(text, { exact: false }).first(), `${path} shows ${text}`).toBeVisible();
    expect(await fired(page), path).toBe(0);
  }
  const page = await canaryPage(facilitator);
  await page.goto(`/initiatives/${initiativeId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(initiativeTitle);
  await expect(page.locator('tr[data-state="KZ"]')).toContainText(SCRIPT);
  await page.goto(`/initiatives/${initiativeId}/edit`);
  await expect(page.getByLabel('Title')).toHaveValue(initiativeTitle);

  // The live path: a hostile message arrives over the socket in an open room page.
  await page.goto(`/rooms/${roomId}`);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-connection', 'live');
  await api(kz, 'POST', `/api/v1/threads/${roomId}/messages`, { body: `Live ${PAYLOADS[10]} ${PAYLOADS[6]}` }, [201]);
  await expect(page.getByTestId('message').last()).toContainText('Live <math>');
  expect(await page.locator('[data-testid="message"] a[href^="javascript"], [data-testid="message"] a[href^="data"]').count()).toBe(0);
  expect(await fired(page)).toBe(0);

  // With the real CSP (not bypassed), the pages raise no policy violation: nothing inline of ours.
  const strictPage = await (await contextAs(browser, 'facilitator')).newPage();
  const violations: string[] = [];
  strictPage.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  for (const path of paths) {
    await strictPage.goto(path);
    await strictPage.waitForLoadState('networkidle');
  }
  expect(violations).toEqual([]);
});
