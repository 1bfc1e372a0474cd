import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import ky from '../../messages/ky.json';
import ru from '../../messages/ru.json';
import { Client } from '../helpers/client';
import { findRoom, openNamedRoom } from '../helpers/demo';
import { callAction } from '../helpers/server-action';
import { connect } from '../helpers/socket';
import { demoServer } from '../helpers/suite';

/**
 * API and form errors follow the request's language (PRODUCT.md "Languages"): the switcher's
 * cookie, else Accept-Language, English by default — the same code, status and fields, words from
 * the `Errors` catalogue. Russian and Kyrgyz stand for the six translations.
 */
const suite = demoServer();
let roomId: number;

beforeAll(async () => {
  roomId = (await findRoom(suite.as.kz, openNamedRoom)).id;
});

type Catalogue = typeof en;
/** The same participant, with the language switcher's cookie set. */
function choosing(client: Client, locale: string): Client {
  const copy = new Client(client.baseUrl);
  for (const [name, value] of client.cookies) copy.cookies.set(name, value);
  copy.cookies.set('NEXT_LOCALE', locale);
  return copy;
}
const asIs = (client: Client) => client;
const LANGUAGES: { name: string; catalogue: Catalogue; client: (c: Client) => Client; headers: Record<string, string> }[] = [
  { name: 'Russian by Accept-Language', catalogue: ru, client: asIs, headers: { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.5' } },
  { name: 'Kyrgyz by Accept-Language', catalogue: ky, client: asIs, headers: { 'accept-language': 'ky-KG' } },
  { name: 'Russian by the NEXT_LOCALE cookie', catalogue: ru, client: (c) => choosing(c, 'ru'), headers: {} },
  // The switcher's choice wins over the browser's language.
  {
    name: 'Kyrgyz by the cookie, over Accept-Language',
    catalogue: ky,
    client: (c) => choosing(c, 'ky'),
    headers: { 'accept-language': 'ru' },
  },
];

/** The bad requests: the same ones in every language. */
const BAD = {
  /** 404: a stance on an initiative that does not exist. */
  notFound: (c: Client, headers: Record<string, string> = {}) =>
    c.api('PUT', '/api/v1/initiatives/999999/stances/KZ', { position: 'endorse' }, headers),
  /** 400 with fields: a room without a title, with a visibility that does not exist, with a field that does not either. */
  fields: (c: Client, headers: Record<string, string> = {}) =>
    c.api(
      'POST',
      '/api/v1/threads',
      { title: '', topic: 'water', summary: 'x'.repeat(5001), visibility: 'secret', colour: 'red' },
      headers,
    ),
  /** 403: an observer posts. */
  forbidden: (c: Client, headers: Record<string, string> = {}) =>
    c.api('POST', `/api/v1/threads/${roomId}/messages`, { body: 'Hello' }, headers),
};

/** Latin words of three letters or more (codes and names of the states excepted). */
const englishIn = (text: string) => text.replace(/\b(?:KZ|KG|TJ|TM|UZ)\b/g, '').match(/[A-Za-z]{3,}/g) ?? [];

describe('error messages follow the request’s language', () => {
  let english: Record<keyof typeof BAD, { status: number; body: any }>;

  beforeAll(async () => {
    english = {
      notFound: await BAD.notFound(suite.as.kz),
      fields: await BAD.fields(suite.as.kz),
      forbidden: await BAD.forbidden(suite.as.observer),
    };
  });

  it('answers in English by default, from en.json', () => {
    expect(english.notFound.status).toBe(404);
    expect(english.notFound.body).toEqual({ error: { code: 'not_found', message: en.Errors.initiativeNotFound } });
    expect(english.fields.status).toBe(400);
    expect(english.fields.body.error).toEqual({
      code: 'invalid',
      message: 'Some fields are not valid',
      fields: {
        title: 'Required',
        summary: 'At most 5,000 characters',
        visibility: 'Choose one of: open, discreet',
        colour: 'Unknown field',
      },
    });
    expect(english.forbidden.status).toBe(403);
    expect(english.forbidden.body.error).toEqual({ code: 'forbidden', message: 'Observers read; they do not post' });
  });

  describe.each(LANGUAGES)('$name', ({ catalogue, client, headers }) => {
    const t = catalogue.Errors;

    it('404, 400 with fields and 403: the same codes and fields, translated words', async () => {
      const notFound = await BAD.notFound(client(suite.as.kz), headers);
      expect(notFound.status).toBe(404);
      expect(notFound.body).toEqual({ error: { code: 'not_found', message: t.initiativeNotFound } });

      const fields = await BAD.fields(client(suite.as.kz), headers);
      expect(fields.status).toBe(400);
      expect(fields.body.error.code).toBe('invalid');
      expect(fields.body.error.message).toBe(t.someFieldsInvalid);
      expect(Object.keys(fields.body.error.fields).sort()).toEqual(Object.keys(english.fields.body.error.fields).sort());
      expect(fields.body.error.fields.title).toBe(t.required);
      expect(fields.body.error.fields.colour).toBe(t.unknownField);
      expect(fields.body.error.fields.visibility).toContain('open, discreet');

      const forbidden = await BAD.forbidden(client(suite.as.observer), headers);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.error).toEqual({ code: 'forbidden', message: t.observersNoPost });

      for (const [kind, answer] of Object.entries({ notFound, fields, forbidden })) {
        const words = [answer.body.error.message, ...Object.values<string>(answer.body.error.fields ?? {})];
        const englishWords = words.flatMap((w) => englishIn(w.replace('open, discreet', '')));
        expect(englishWords, kind).toEqual([]);
        expect(answer.body.error.message).not.toBe(english[kind as keyof typeof BAD].body.error.message);
      }
    });

    it('a form’s field error (a server action) in the page’s language', async () => {
      const answer = await callAction(client(suite.as.kz), `/rooms/${roomId}`, 'postMessageAction', [roomId], { body: '   ' }, { headers });
      expect(answer.result).toMatchObject({ ok: false, code: 'invalid', message: t.someFieldsInvalid, fields: { body: t.writeSomething } });
    });
  });

  it('a form’s field error is in English without a language', async () => {
    const answer = await callAction(suite.as.kz, `/rooms/${roomId}`, 'postMessageAction', [roomId], { body: '   ' });
    expect(answer.result).toMatchObject({
      ok: false,
      code: 'invalid',
      message: 'Some fields are not valid',
      fields: { body: 'Write something first' },
    });
  });

  it('a socket’s refusals are in the language of its handshake', async () => {
    const socket = await connect(suite.server.url, `${suite.as.kz.cookieHeader()}; NEXT_LOCALE=ky`);
    try {
      expect(await socket.call('message:send', { threadId: roomId, body: '' })).toEqual({
        ok: false,
        error: 'invalid',
        fields: { body: ky.Errors.writeSomething },
      });
      expect(await socket.call('message:send', { threadId: 999999, body: 'Hello' })).toEqual({
        ok: false,
        error: 'not_found',
        message: ky.Errors.roomNotFound,
      });
    } finally {
      socket.close();
    }
  });
});
