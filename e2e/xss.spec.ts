import { contextAs, expect, test } from './fixtures';

/**
 * Hostile content (OWASP filter-evasion payloads) in every user-written field must render as
 * inert text on every page, on the live path and in tooltips. Pages run with the CSP bypassed, so
 * this proves the escaping itself; a canary records any execution.
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

test('hostile content stays inert everywhere it is shown', async ({ browser, baseURL }) => {
  // Someone registers with a hostile name and organization.
  const attacker = await browser.newContext({ bypassCSP: true });
  const register = await attacker.request.post('/api/v1/register', {
    data: {
      name: `<img src=x onerror=window.__xss=20>Eve`,
      email: `eve.${Date.now()}@example.org`,
      password: 'hostile-password-1',
      affiliation: 'expert',
      organization: PAYLOADS[2],
    },
  });
  expect(register.status()).toBe(201);

  const kz = await contextAs(browser, 'delegate.kz');
  const room = await kz.request.post('/api/v1/threads', {
    data: { title: `Room ${PAYLOADS[0]}`, topic: 'trade', summary: HOSTILE, states: ['KZ', 'UZ'], partners: ['EU'] },
  });
  expect(room.status()).toBe(201);
  const roomId = (await room.json()).id;
  const initiative = await kz.request.post(`/api/v1/threads/${roomId}/initiatives`, {
    data: { title: `Initiative ${PAYLOADS[1]}`, summary: HOSTILE, states: ['KZ', 'UZ'] },
  });
  const initiativeId = (await initiative.json()).id;
  await kz.request.put(`/api/v1/initiatives/${initiativeId}/stances/KZ`, { data: { position: 'reservation', note: HOSTILE } });
  await kz.request.post(`/api/v1/threads/${roomId}/messages`, { data: { body: HOSTILE } });
  const facilitatorApi = await contextAs(browser, 'facilitator');
  await facilitatorApi.request.post(`/api/v1/threads/${roomId}/members`, { data: { userId: (await register.json()).id } });

  const viewer = await browser.newContext({ storageState: 'e2e/.auth/facilitator.json', bypassCSP: true });
  await viewer.addInitScript(() => {
    (window as unknown as { __xss: number }).__xss = 0;
    window.alert = () => ((window as unknown as { __xss: number }).__xss = 99);
  });
  const page = await viewer.newPage();
  const pages = [
    '/rooms',
    `/rooms/${roomId}`,
    '/initiatives',
    `/initiatives/${initiativeId}`,
    `/initiatives/${initiativeId}/edit`,
    '/dashboard',
    `/dashboard?focus=${initiativeId}`,
    '/facilitation',
  ];
  for (const path of pages) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => (window as unknown as { __xss: number }).__xss), path).toBe(0);
    expect(await page.locator('script:not([src]):not([nonce])').count(), path).toBe(0);
  }
  await page.goto(`/initiatives/${initiativeId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Initiative ${PAYLOADS[1]}`);
  await expect(page.locator('tr[data-state="KZ"]')).toContainText('<script>window.__xss=1</script>');

  // The live path: a hostile message arrives over the socket in an open room page.
  await page.goto(`/rooms/${roomId}`);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-connection', 'live');
  await kz.request.post(`/api/v1/threads/${roomId}/messages`, { data: { body: `Live ${PAYLOADS[10]} ${PAYLOADS[6]}` } });
  await expect(page.getByTestId('message').last()).toContainText('Live <math>');
  expect(await page.locator('[data-testid="message"] a[href^="javascript"], [data-testid="message"] a[href^="data"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss: number }).__xss)).toBe(0);

  // With the real CSP (not bypassed), the pages raise no policy violation: nothing inline of ours.
  const strict = await contextAs(browser, 'facilitator');
  const strictPage = await strict.newPage();
  const violations: string[] = [];
  strictPage.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  for (const path of pages) {
    await strictPage.goto(path);
    await strictPage.waitForLoadState('networkidle');
  }
  expect(violations).toEqual([]);
  expect(baseURL).toBeTruthy();
});
