import { LOCALES } from '../../i18n/locales';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn } from '../helpers/client';
import { findRoom, openNamedRoom } from '../helpers/demo';
import { buildPages } from '../helpers/pages';
import { startServer, type TestServer } from '../helpers/server';

/**
 * Every page of the build (all twenty-four), signed out and signed in (a facilitator, who may open
 * every one of them), in each of the seven languages: a nonce-based Content-Security-Policy without
 * inline scripts, no framing, nosniff and a referrer policy — on the page and on the redirect to
 * sign in — and every inline script of a rendered page carries the nonce.
 */
let server: TestServer;
let facilitator: Client;
let paths: Record<string, string>;

beforeAll(async () => {
  server = await startServer();
  facilitator = await signedIn(server.url, DEMO.facilitator);
  const room = await findRoom(facilitator, openNamedRoom);
  const initiative = (await facilitator.get(`/api/v1/initiatives?threadId=${room.id}`)).body.items[0].id;
  const meeting = (await facilitator.get('/api/v1/meetings?limit=1')).body.items[0].id;
  // A real id for each dynamic route.
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
});
afterAll(async () => {
  await server?.stop();
});

function expectSecurityHeaders(response: Response, what: string): string {
  const csp = response.headers.get('content-security-policy') ?? '';
  const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
  expect(scriptSrc, what).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(scriptSrc, what).not.toContain('unsafe-inline');
  expect(scriptSrc, what).not.toContain('unsafe-eval');
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), what).toBe('same-origin');
  return /'nonce-([^']+)'/.exec(scriptSrc)![1];
}

describe('security headers on every page', () => {
  it('covers every page of the build', () => {
    expect(Object.keys(paths)).toHaveLength(24);
  });

  for (const who of ['signed out', 'signed in'] as const) {
    for (const locale of LOCALES) {
      it(`${who}, ${locale}: a nonce-based CSP without inline scripts, no framing, nosniff, a referrer policy; every inline script carries the nonce`, async () => {
        const statuses: Record<string, number> = {};
        for (const [route, path] of Object.entries(paths)) {
          const client = new Client(server.url);
          if (who === 'signed in') for (const [name, value] of facilitator.cookies) client.cookies.set(name, value);
          client.cookies.set('NEXT_LOCALE', locale);
          const response = await client.raw('GET', path);
          statuses[route] = response.status;
          const nonce = expectSecurityHeaders(response, `${who} ${locale} ${path}`);
          const html = await response.text();
          if (response.status !== 200) {
            // Signed out, participant pages send to sign in (with the same headers).
            expect(response.status, path).toBe(307);
            expect(response.headers.get('location'), path).toContain('/signin');
            continue;
          }
          expect(html, path).toContain(`<html lang="${locale}"`);
          const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
          expect(inline.length, path).toBeGreaterThan(0);
          for (const [, attributes] of inline) expect(attributes, path).toContain(`nonce="${nonce}"`);
        }
        // Signed in, every page renders; signed out, at least the public ones do.
        const rendered = Object.entries(statuses)
          .filter(([, status]) => status === 200)
          .map(([route]) => route);
        if (who === 'signed in') expect(rendered).toEqual(Object.keys(paths));
        else expect(rendered.sort()).toEqual(['/', '/readouts', '/register', '/signin', '/signout', '/unsubscribe/[token]']);
      });
    }
  }

  it('gives every request its own nonce', async () => {
    const a = (await new Client(server.url).raw('GET', '/')).headers.get('content-security-policy');
    const b = (await new Client(server.url).raw('GET', '/')).headers.get('content-security-policy');
    expect(a).not.toBe(b);
  });
});
