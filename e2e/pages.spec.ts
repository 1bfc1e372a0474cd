import { buildPages } from '../tests/helpers/pages';
import { api, contextAs, expect, expectAccessible, findRoom, openNamedRoom, test } from './fixtures';

/**
 * axe-core (WCAG 2.1 A and AA, no serious or critical violation) on every page of the build, in
 * English and in Russian: signed out (participant pages must send to sign in) and signed in as a
 * facilitator (who may open all fourteen), plus the delegate's view of a room and an initiative
 * (message and stance forms) and the dashboard with a focus and filters.
 */
const PUBLIC = ['/', '/register', '/signin', '/signout'];

for (const locale of ['en', 'ru'] as const) {
  test.describe(`every page in ${locale}`, () => {
    let paths: Record<string, string>;
    let focus: string;

    test.beforeAll(async ({ browser }) => {
      const context = await contextAs(browser, 'facilitator');
      const room = await findRoom(context, openNamedRoom);
      const initiative = (await api<{ items: { id: number }[] }>(context, 'GET', `/api/v1/initiatives?threadId=${room.id}`)).items[0].id;
      paths = Object.fromEntries(
        buildPages().map((route) => [
          route,
          route.replace('/rooms/[id]', `/rooms/${room.id}`).replace('/initiatives/[id]', `/initiatives/${initiative}`),
        ]),
      );
      focus = `/dashboard?focus=${initiative}&topic=${room.topic}`;
      expect(Object.keys(paths)).toHaveLength(14);
      await context.close();
    });

    test(`signed out: the public pages pass axe-core, the others send to sign in (${locale})`, async ({ browser }) => {
      const page = await (await contextAs(browser, null, locale)).newPage();
      for (const [route, path] of Object.entries(paths)) {
        await page.goto(path);
        if (PUBLIC.includes(route)) {
          await expect(page.locator('html')).toHaveAttribute('lang', locale);
          await expectAccessible(page, path);
        } else await expect(page, path).toHaveURL(/\/signin\?callbackUrl=/);
      }
    });

    test(`signed in: all fourteen pages pass axe-core (${locale})`, async ({ browser }) => {
      const page = await (await contextAs(browser, 'facilitator', locale)).newPage();
      for (const path of [...Object.values(paths), focus]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await expect(page.locator('html')).toHaveAttribute('lang', locale);
        await expectAccessible(page, path);
      }
      const delegate = await (await contextAs(browser, 'delegate.kz', locale)).newPage();
      for (const path of [paths['/rooms/[id]'], paths['/initiatives/[id]']]) {
        await delegate.goto(path);
        await expectAccessible(delegate, `${path} as a delegate`);
      }
    });
  });
}
