import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Client, type DemoKey } from '../helpers/client';
import { databaseChecksum } from '../helpers/db-state';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let as: Record<DemoKey, Client>;
let roomId: number;
let initiativeId: number;

beforeAll(async () => {
  server = await startServer();
  as = await signInAll(server.url);
  roomId = (await as.kz.post('/api/v1/threads', { title: 'Bad input room', topic: 'trade', summary: '' })).body.id;
  initiativeId = (await as.kz.post(`/api/v1/threads/${roomId}/initiatives`, { title: 'Valid', summary: '', states: ['KZ', 'UZ'] })).body.id;
});
afterAll(async () => {
  await server?.stop();
});

const valid = {
  title: 'Customs single window',
  summary: 'One window for traders.',
  states: ['KZ', 'UZ'],
  partners: ['EU'],
  openToJoin: true,
};

type Case = {
  what: string;
  method: string;
  path: () => string;
  body: unknown;
  status: number;
  field?: string;
  raw?: boolean;
  as?: DemoKey;
};

const CASES: Case[] = [
  {
    what: 'an unknown state code',
    method: 'POST',
    path: () => `/api/v1/threads/${roomId}/initiatives`,
    body: { ...valid, states: ['KZ', 'XX'] },
    status: 400,
    field: 'states',
  },
  {
    what: 'an unknown partner code',
    method: 'POST',
    path: () => `/api/v1/threads/${roomId}/initiatives`,
    body: { ...valid, partners: ['ZZ'] },
    status: 400,
    field: 'partners',
  },
  {
    what: 'a lowercase partner code',
    method: 'POST',
    path: () => `/api/v1/threads/${roomId}/initiatives`,
    body: { ...valid, partners: ['eu'] },
    status: 400,
    field: 'partners',
  },
  {
    what: 'fewer than two states',
    method: 'POST',
    path: () => `/api/v1/threads/${roomId}/initiatives`,
    body: { ...valid, states: ['KZ'] },
    status: 400,
    field: 'states',
  },
  {
    what: 'duplicate states',
    method: 'POST',
    path: () => `/api/v1/threads/${roomId}/initiatives`,
    body: { ...valid, states: ['KZ', 'KZ'] },
    status: 400,
    field: 'states',
  },
  {
    what: 'six states',
    method: 'POST',
    path: () => `/api/v1/threads/${roomId}/initiatives`,
    body: { ...valid, states: ['KZ', 'KG', 'TJ', 'TM', 'UZ', 'KZ'] },
    status: 400,
    field: 'states',
  },
  {
    what: 'an empty title',
    method: 'POST',
    path: () => `/api/v1/threads/${roomId}/initiatives`,
    body: { ...valid, title: '   ' },
    status: 400,
    field: 'title',
  },
  {
    what: 'a 300-character title',
    method: 'POST',
    path: () => `/api/v1/threads/${roomId}/initiatives`,
    body: { ...valid, title: 'x'.repeat(300) },
    status: 400,
    field: 'title',
  },
  {
    what: 'a title that is a number',
    method: 'POST',
    path: () => `/api/v1/threads/${roomId}/initiatives`,
    body: { ...valid, title: 12 },
    status: 400,
    field: 'title',
  },
  {
    what: 'openToJoin as a string',
    method: 'POST',
    path: () => `/api/v1/threads/${roomId}/initiatives`,
    body: { ...valid, openToJoin: 'yes' },
    status: 400,
    field: 'openToJoin',
  },
  {
    what: 'states as a string',
    method: 'POST',
    path: () => `/api/v1/threads/${roomId}/initiatives`,
    body: { ...valid, states: 'KZ,UZ' },
    status: 400,
    field: 'states',
  },
  {
    what: 'an unknown field',
    method: 'POST',
    path: () => `/api/v1/threads/${roomId}/initiatives`,
    body: { ...valid, status: 'formalized' },
    status: 400,
    field: 'status',
  },
  {
    what: 'a __proto__ key',
    method: 'POST',
    path: () => `/api/v1/threads/${roomId}/initiatives`,
    body: '{"title":"x","summary":"","states":["KZ","UZ"],"__proto__":{"admin":true}}',
    status: 400,
    raw: true,
  },
  { what: 'a body that is an array', method: 'POST', path: () => `/api/v1/threads/${roomId}/initiatives`, body: [valid], status: 400 },
  {
    what: 'a body that is not JSON',
    method: 'POST',
    path: () => `/api/v1/threads/${roomId}/initiatives`,
    body: '{"title": "unfinished',
    status: 400,
    raw: true,
  },
  {
    what: 'a 1 MB body',
    method: 'POST',
    path: () => `/api/v1/threads/${roomId}/initiatives`,
    body: { ...valid, summary: 'x'.repeat(1024 * 1024) },
    status: 413,
  },
  { what: 'a room that does not exist', method: 'POST', path: () => `/api/v1/threads/999999/initiatives`, body: valid, status: 404 },
  { what: 'a room id that is not a number', method: 'POST', path: () => `/api/v1/threads/abc/initiatives`, body: valid, status: 404 },
  {
    what: 'a position outside the enum',
    method: 'PUT',
    path: () => `/api/v1/initiatives/${initiativeId}/stances/KZ`,
    body: { position: 'veto' },
    status: 400,
    field: 'position',
  },
  {
    what: 'a missing position',
    method: 'PUT',
    path: () => `/api/v1/initiatives/${initiativeId}/stances/KZ`,
    body: { note: 'hm' },
    status: 400,
    field: 'position',
  },
  {
    what: 'a 2,000-character note',
    method: 'PUT',
    path: () => `/api/v1/initiatives/${initiativeId}/stances/KZ`,
    body: { position: 'endorse', note: 'n'.repeat(2000) },
    status: 400,
    field: 'note',
  },
  {
    what: 'an unknown state in the path',
    method: 'PUT',
    path: () => `/api/v1/initiatives/${initiativeId}/stances/XX`,
    body: { position: 'endorse' },
    status: 400,
  },
  {
    what: 'a stance on an initiative that does not exist',
    method: 'PUT',
    path: () => `/api/v1/initiatives/999999/stances/KZ`,
    body: { position: 'endorse' },
    status: 404,
  },
  {
    what: 'an implementation status outside the enum',
    method: 'PUT',
    path: () => `/api/v1/initiatives/${initiativeId}/implementation/KZ`,
    body: { status: 'finished' },
    status: 400,
    field: 'status',
  },
  {
    what: 'a missing implementation status',
    method: 'PUT',
    path: () => `/api/v1/initiatives/${initiativeId}/implementation/KZ`,
    body: { note: 'Half done' },
    status: 400,
    field: 'status',
  },
  {
    what: 'a 2,000-character implementation note',
    method: 'PUT',
    path: () => `/api/v1/initiatives/${initiativeId}/implementation/KZ`,
    body: { status: 'done', note: 'n'.repeat(2000) },
    status: 400,
    field: 'note',
  },
  {
    what: 'an unknown state in the implementation path',
    method: 'PUT',
    path: () => `/api/v1/initiatives/${initiativeId}/implementation/XX`,
    body: { status: 'done' },
    status: 400,
  },
  {
    what: 'implementation of an initiative that does not exist',
    method: 'PUT',
    path: () => `/api/v1/initiatives/999999/implementation/KZ`,
    body: { status: 'done' },
    status: 404,
  },
  {
    what: 'a review date that is not a day',
    method: 'PATCH',
    path: () => `/api/v1/initiatives/${initiativeId}`,
    body: { reviewAt: '2031-02-30' },
    status: 400,
    field: 'reviewAt',
  },
  {
    what: 'a review date with an edit of the title',
    method: 'PATCH',
    path: () => `/api/v1/initiatives/${initiativeId}`,
    body: { reviewAt: '2031-03-01', title: 'Also a new title' },
    status: 400,
    field: 'reviewAt',
  },
  {
    what: 'an implementation filter outside the enum',
    method: 'GET',
    path: () => '/api/v1/dashboard?implementation=late',
    body: undefined,
    status: 400,
    field: 'implementation',
  },
  { what: 'an empty edit', method: 'PATCH', path: () => `/api/v1/initiatives/${initiativeId}`, body: {}, status: 400 },
  {
    what: 'an edit with a 300-character title',
    method: 'PATCH',
    path: () => `/api/v1/initiatives/${initiativeId}`,
    body: { title: 'y'.repeat(300) },
    status: 400,
    field: 'title',
  },
  {
    what: 'an edit of the states',
    method: 'PATCH',
    path: () => `/api/v1/initiatives/${initiativeId}`,
    body: { states: ['KZ', 'KG'] },
    status: 400,
    field: 'states',
  },
  {
    what: 'an empty message',
    method: 'POST',
    path: () => `/api/v1/threads/${roomId}/messages`,
    body: { body: '  ' },
    status: 400,
    field: 'body',
  },
  {
    what: 'a message body that is an object',
    method: 'POST',
    path: () => `/api/v1/threads/${roomId}/messages`,
    body: { body: { html: '<b>' } },
    status: 400,
    field: 'body',
  },
  {
    what: 'a room with an unknown topic',
    method: 'POST',
    path: () => '/api/v1/threads',
    body: { title: 'T', topic: 'astrology', summary: '' },
    status: 400,
    field: 'topic',
  },
  {
    what: 'a room with an unknown visibility',
    method: 'POST',
    path: () => '/api/v1/threads',
    body: { title: 'T', topic: 'water', summary: '', visibility: 'secret' },
    status: 400,
    field: 'visibility',
  },
  {
    what: 'a member who does not exist',
    method: 'POST',
    path: () => `/api/v1/threads/${roomId}/members`,
    body: { userId: 999999 },
    status: 404,
    as: 'facilitator',
  },
  {
    what: 'a member id that is text',
    method: 'POST',
    path: () => `/api/v1/threads/${roomId}/members`,
    body: { userId: 'me' },
    status: 400,
    as: 'facilitator',
  },
  {
    what: 'an invite for an unknown state',
    method: 'POST',
    path: () => '/api/v1/invites',
    body: { state: 'RU' },
    status: 400,
    field: 'state',
    as: 'facilitator',
  },
  {
    what: 'a delegation for a participant who does not exist',
    method: 'POST',
    path: () => '/api/v1/participants/999999/delegation',
    body: { state: 'KZ' },
    status: 404,
    as: 'facilitator',
  },
  {
    what: 'a malformed Idempotency-Key',
    method: 'PUT',
    path: () => `/api/v1/initiatives/${initiativeId}/stances/KZ`,
    body: { position: 'endorse' },
    status: 400,
  },
  { what: 'a limit above 100', method: 'GET', path: () => '/api/v1/initiatives?limit=500', body: undefined, status: 400, field: 'limit' },
  {
    what: 'a status filter outside the enum',
    method: 'GET',
    path: () => '/api/v1/initiatives?status=maybe',
    body: undefined,
    status: 400,
    field: 'status',
  },
  {
    what: 'a cursor that is not ours',
    method: 'GET',
    path: () => '/api/v1/threads?cursor=DROP%20TABLE',
    body: undefined,
    status: 400,
    field: 'cursor',
  },
];

describe('bad input gets a clear error, never a 500, never a write', () => {
  for (const c of CASES) {
    it(`${c.method} ${c.what} → ${c.status}`, async () => {
      const client = as[c.as ?? 'kz'];
      const before = await databaseChecksum(server);
      const headers: Record<string, string> = c.raw ? { 'content-type': 'application/json' } : {};
      if (c.what === 'a malformed Idempotency-Key') headers['idempotency-key'] = 'bad key with spaces';
      const response = await client.api(c.method, c.path(), c.body, headers);
      expect(response.status).toBe(c.status);
      expect(response.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      if (c.field) expect(response.body.error.fields).toHaveProperty(c.field);
      expect(await databaseChecksum(server)).toEqual(before);
    });
  }
});
