import { LOCALES } from '../i18n/locales';
import { buildPages } from '../tests/helpers/pages';
import { api, contextAs, expect, expectAccessible, expectHeadingsInOrder, findRoom, openNamedRoom, test, unique } from './fixtures';

/**
 * axe-core (WCAG 2.1 A and AA, no serious or critical violation) on every page of the build, in
 * each of the seven languages: signed out (participant pages must send to sign in) and signed in as a
 * facilitator (who may open all twenty-four), plus the delegate's view of a room and an initiative
 * (message and stance forms) and the dashboard with a focus and filters; and again after the
 * interactions that change a page (errors shown, a message sent, a stance saved, the chart's table
 * opened, live announcements made).
 */
const PUBLIC = ['/', '/readouts', '/register', '/signin', '/signout', '/unsubscribe/[token]'];

for (const locale of LOCALES) {
  test.describe(`every page in ${locale}`, () => {
    let paths: Record<string, string>;
    let focus: string;

    test.beforeAll(async ({ browser }) => {
      const context = await contextAs(browser, 'facilitator');
      const room = await findRoom(context, openNamedRoom);
      const initiative = (await api<{ items: { id: number }[] }>(context, 'GET', `/api/v1/initiatives?threadId=${room.id}`)).items[0].id;
      const meeting = (await api<{ items: { id: number }[] }>(context, 'GET', '/api/v1/meetings?limit=1')).items[0].id;
      paths = Object.fromEntries(
        buildPages().map((route) => [
          route,
          route
            .replace('/rooms/[id]', `/rooms/${room.id}`)
            .replace('/initiatives/[id]', `/initiatives/${initiative}`)
            .replace('/meetings/[id]', `/meetings/${meeting}`)
            .replace(/^\/search$/, '/search?q=water')
            .replace('/unsubscribe/[token]', '/unsubscribe/1-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
        ]),
      );
      focus = `/dashboard?focus=${initiative}&topic=${room.topic}`;
      expect(Object.keys(paths)).toHaveLength(24);
      await context.close();
    });

    test(`signed out: the public pages pass axe-core, the others send to sign in (${locale})`, async ({ browser }) => {
      // Twenty-four pages (and axe-core on each): minutes on a busy two-core machine.
      test.setTimeout(180_000);
      const page = await (await contextAs(browser, null, locale)).newPage();
      for (const [route, path] of Object.entries(paths)) {
        await page.goto(path);
        if (PUBLIC.includes(route)) {
          await expect(page.locator('html')).toHaveAttribute('lang', locale);
          await expectAccessible(page, path);
        } else await expect(page, path).toHaveURL(/\/signin\?callbackUrl=/);
      }
    });

    test(`signed in: all twenty-four pages pass axe-core (${locale})`, async ({ browser }) => {
      // Twenty-four pages (and axe-core on each): minutes on a busy two-core machine.
      test.setTimeout(180_000);
      const page = await (await contextAs(browser, 'facilitator', locale)).newPage();
      // A page whose server text and browser text differ (dates the browser cannot spell) fails to hydrate.
      const hydrationErrors: string[] = [];
      const onError = (text: string) => /#418|#423|#425|hydrat/i.test(text) && hydrationErrors.push(`${page.url()}: ${text}`);
      page.on('pageerror', (error) => onError(error.message));
      page.on('console', (message) => message.type() === 'error' && onError(message.text()));
      for (const path of [...Object.values(paths), focus]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await expect(page.locator('html')).toHaveAttribute('lang', locale);
        await expectAccessible(page, path);
        await expectHeadingsInOrder(page, path);
      }
      expect(hydrationErrors).toEqual([]);
      const delegate = await (await contextAs(browser, 'delegate.kz', locale)).newPage();
      for (const path of [paths['/rooms/[id]'], paths['/initiatives/[id]']]) {
        await delegate.goto(path);
        await expectAccessible(delegate, `${path} as a delegate`);
      }
    });

    test(`no page is wider than a 390-pixel phone (${locale})`, async ({ browser }) => {
      // Twenty-four pages (and axe-core on each): minutes on a busy two-core machine.
      test.setTimeout(180_000);
      const page = await (await contextAs(browser, 'facilitator', locale)).newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      const wider: string[] = [];
      for (const path of [...Object.values(paths), focus]) {
        await page.goto(path);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 390) wider.push(`${path}: ${width}px`);
      }
      expect(wider).toEqual([]);
    });

    // Interactions change what the page shows, not its language: English and Russian suffice.
    if (locale !== 'en' && locale !== 'ru') return;
    test(`after interactions: errors shown, a message sent and announced, a stance saved, the figures opened (${locale})`, async ({
      browser,
    }) => {
      const visitor = await (await contextAs(browser, null, locale)).newPage();
      await visitor.goto('/register');
      await visitor.locator('#email').fill('not-an-email');
      await visitor.getByRole('main').locator('button[type="submit"]').click();
      await expect(visitor.locator('#email-error')).toBeVisible();
      await expectAccessible(visitor, '/register with errors');
      await visitor.goto('/signin');
      await visitor.locator('#email').fill('nobody@example.org');
      await visitor.locator('#password').fill('not-the-password');
      await visitor.getByRole('main').locator('button[type="submit"]').click();
      await expect(visitor.getByRole('main').getByRole('alert')).toBeVisible();
      await expectAccessible(visitor, '/signin refused');

      const kz = await contextAs(browser, 'delegate.kz', locale);
      const uz = await contextAs(browser, 'delegate.uz', locale);
      const room = await findRoom(kz, (r) => openNamedRoom(r) && r.partners.length === 0);
      const page = await kz.newPage();
      await page.goto(`/rooms/${room.id}/propose`);
      await page.getByRole('main').locator('button[type="submit"]').click();
      await expect(page.locator('#title-error')).toBeVisible();
      await expectAccessible(page, 'propose with errors');

      await page.goto(`/rooms/${room.id}`);
      await expect(page.getByTestId('connection-status')).toHaveAttribute('data-connection', 'live');
      await page.locator('#message-body').fill(unique('Axe after sending'));
      await page.locator('form:has(#message-body) button[type="submit"]').click();
      await api(uz, 'POST', `/api/v1/threads/${room.id}/messages`, { body: unique('Heard by the room') });
      await expect(page.getByTestId('unread-marker')).toBeVisible();
      await expect(page.getByTestId('announcements')).not.toBeEmpty();
      await expectAccessible(page, 'room after messages');

      const { id } = (
        await api<{ items: { id: number; status: string }[] }>(kz, 'GET', `/api/v1/initiatives?threadId=${room.id}&state=KZ`)
      ).items.find((i) => i.status !== 'formalized')!;
      await page.goto(`/initiatives/${id}`);
      await page.locator('input[name="position"][value="step_aside"]').check();
      await page.getByTestId('save-stance').click();
      await expect(page.getByTestId('stance-saved')).not.toBeEmpty();
      await expectAccessible(page, 'initiative after saving a stance');

      await page.goto(`/dashboard?focus=${id}`);
      await page.getByTestId('chart-table').locator('summary').click();
      await expect(page.getByTestId('chart-table').locator('table')).toBeVisible();
      await expectAccessible(page, 'dashboard with the figures open');
      await kz.close();
      await uz.close();
    });
  });
}
