import fc from 'fast-check';
import { AFFILIATIONS, CA_STATES, IMPLEMENTATION_STATUSES, MEETING_LEVELS, POSITIONS, STATUSES } from '../../lib/consensus/codes';
import { NOTIFICATION_TYPES } from '../../lib/notifications/types';
import { DEMO } from './client';

/**
 * Generators for fuzzing: payloads that are the right shape (so they reach past the schema into
 * the service), the right shape with one field wrong, missing or added, and arbitrary JSON.
 */

const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '', ' ', 'title\u0000', 'states[]', '$where');
const scalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('KZ', 'XX', 'kz', 'CA-9', 'endorse', 'veto', '-1', '0', '1e999', 'NaN', '../../etc/passwd', '<script>', "' OR 1=1 --"),
  fc.string({ minLength: 5000, maxLength: 6000 }),
);
/** Any JSON value, with hostile keys among the ordinary ones. */
export const anyJson = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileKey, fc.string({ maxLength: 12 })), tie('node'), { maxKeys: 5 }),
  ),
})).node;

/**
 * A valid payload, or the same with one field replaced by anything, one field dropped or one
 * unknown field added, or arbitrary JSON: mostly near the boundary the schema guards.
 */
export function nearly(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  const replaced = valid.chain((v) =>
    fc.tuple(fc.constantFrom(...Object.keys(v), 'unknownField', '__proto__'), anyJson).map(([key, value]) => ({ ...v, [key]: value })),
  );
  const dropped = valid.chain((v) =>
    Object.keys(v).length === 0
      ? fc.constant(v)
      : fc.constantFrom(...Object.keys(v)).map((key) => Object.fromEntries(Object.entries(v).filter(([k]) => k !== key))),
  );
  return fc.oneof(
    { arbitrary: valid, weight: 4 },
    { arbitrary: replaced, weight: 2 },
    { arbitrary: dropped, weight: 1 },
    { arbitrary: anyJson, weight: 1 },
  );
}

/** An id from `pool` (real rows), or one that cannot be right. */
export function idOrNot(pool: readonly number[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...pool), weight: 4 },
    { arbitrary: fc.constantFrom(0, -1, 1.5, 2 ** 53, 999_999, '1', null, true), weight: 1 },
  );
}

/** Mostly a valid value, sometimes one the schema or the service must refuse. */
const mostly = <T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: invalid, weight: 1 });

/** Text a person might type, and text a person should not be able to store. */
export const text = (max: number) =>
  mostly(
    fc.oneof(
      fc.constantFrom(
        'Water quotas for the growing season',
        'Вода и энергия',
        'Su ve enerji',
        '**bold** and [a link](https://example.org)',
      ),
      fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim().length > 0),
      fc.constantFrom('<script>alert(1)</script>', '=HYPERLINK("http://evil.example")'),
    ),
    fc.constantFrom('', '   ', 'x'.repeat(max + 1)),
  );

const state = fc.constantFrom(...CA_STATES);
const partners = mostly(fc.subarray(['EU', 'JP', 'CN', 'V4'], { maxLength: 3 }), fc.constantFrom(['XX'], ['EU', 'EU']));
const topic = mostly(fc.constantFrom('water', 'energy', 'trade', 'migration'), fc.constant('no-such-topic'));

/** Valid-shaped bodies of the JSON API, by "METHOD path" of lib/api/routes.ts. */
export function apiBodies(pools: {
  threads: number[];
  participants: number[];
  initiatives: number[];
}): Record<string, fc.Arbitrary<Record<string, unknown>>> {
  return {
    'POST /api/v1/register': fc.record(
      {
        name: text(100),
        email: fc.oneof(
          fc.integer({ min: 1, max: 1e9 }).map((n) => `fuzz.${n}@example.org`),
          fc.constantFrom(DEMO.kz, 'not-an-email'),
        ),
        password: mostly(fc.constant('a-long-enough-password'), fc.constant('short')),
        affiliation: mostly(fc.constantFrom(...AFFILIATIONS), fc.constant('facilitator')),
        organization: text(200),
        inviteCode: fc.constantFrom('no-such-invite', ''),
      },
      { requiredKeys: ['name', 'email', 'password', 'affiliation'] },
    ),
    'POST /api/v1/me/tokens': fc.record({ name: text(60) }),
    'POST /api/v1/threads': fc.record(
      {
        title: text(200),
        topic,
        summary: text(5000),
        states: fc.subarray([...CA_STATES]),
        partners,
        visibility: mostly(fc.constantFrom('open', 'discreet'), fc.constant('secret')),
        attribution: mostly(fc.constantFrom('named', 'chatham'), fc.constant('anonymous')),
      },
      { requiredKeys: ['title', 'topic', 'summary'] },
    ),
    'POST /api/v1/threads/:id/members': fc.record({ userId: idOrNot(pools.participants) }),
    'POST /api/v1/threads/:id/messages': fc.record({ body: text(4000) }),
    'POST /api/v1/threads/:id/initiatives': fc.record(
      {
        title: text(200),
        summary: text(5000),
        states: mostly(fc.subarray([...CA_STATES], { minLength: 2 }), fc.constantFrom(['KZ'], ['KZ', 'KZ'], ['KZ', 'XX'])),
        partners,
        openToJoin: fc.boolean(),
      },
      { requiredKeys: ['title', 'summary', 'states'] },
    ),
    'PATCH /api/v1/initiatives/:id': fc.oneof(
      fc.record({ title: text(200), summary: text(5000), openToJoin: fc.boolean() }, { requiredKeys: [] }),
      fc.record({ reviewAt: mostly(fc.constantFrom('2031-03-01', null), fc.constantFrom('2031-02-30', '01/03/2031')) }),
    ),
    'PUT /api/v1/initiatives/:id/implementation/:state': fc.record(
      { status: mostly(fc.constantFrom(...IMPLEMENTATION_STATUSES), fc.constant('finished')), note: text(1000) },
      { requiredKeys: ['status'] },
    ),
    'PUT /api/v1/initiatives/:id/stances/:state': fc.record(
      { position: mostly(fc.constantFrom(...POSITIONS), fc.constant('veto')), note: text(1000) },
      { requiredKeys: ['position'] },
    ),
    'POST /api/v1/me/dashboard-seen': fc.record({ eventId: mostly(fc.nat(), fc.constantFrom(-1, 2 ** 53)) }),
    'POST /api/v1/invites': fc.record({ state: mostly(state, fc.constantFrom('EU', 'kz')) }),
    'POST /api/v1/meetings': meeting(pools, true),
    'PATCH /api/v1/meetings/:id': meeting(pools, false),
    'PUT /api/v1/meetings/:id/readout': fc.record(
      { body: text(20_000), version: mostly(fc.nat({ max: 3 }), fc.constantFrom(-1, 1.5)) },
      { requiredKeys: ['body'] },
    ),
    'POST /api/v1/meetings/:id/readout/approve': fc.record(
      { version: mostly(fc.nat({ max: 3 }), fc.constantFrom(-1, 'one')) },
      { requiredKeys: [] },
    ),
    'PATCH /api/v1/threads/:id': fc.record(
      {
        title: text(200),
        topic,
        summary: text(5000),
        states: mostly(fc.subarray([...CA_STATES]), fc.constantFrom(['XX'], ['KZ', 'KZ'])),
        partners,
        visibility: fc.constant('discreet'),
      },
      { requiredKeys: [] },
    ),
    'PATCH /api/v1/messages/:id': fc.record({ body: text(4000) }),
    'POST /api/v1/messages/:id/hide': fc.record({ reason: text(1000) }, { requiredKeys: [] }),
    'POST /api/v1/messages/:id/reports': fc.record({ reason: text(1000) }, { requiredKeys: [] }),
    'POST /api/v1/reports/:id/resolve': fc.record({ resolution: mostly(fc.constantFrom('resolved', 'dismissed'), fc.constant('maybe')) }),
    'POST /api/v1/participants/:id/delegation': fc.record({
      state: mostly(fc.oneof(state, fc.constant(null)), fc.constantFrom('EU', 'kz')),
    }),
    'PATCH /api/v1/me': fc.record({
      locale: mostly(fc.constantFrom('en', 'ru', 'kk', 'ky', 'tg', 'tk', 'uz'), fc.constantFrom('fr', 'EN', '')),
    }),
    'POST /api/v1/notifications/read': fc.oneof(
      fc.record({ ids: fc.array(fc.oneof(fc.nat(), fc.constant(-1)), { maxLength: 5 }) }),
      fc.record({ all: mostly(fc.constant(true), fc.constant('yes')) }),
    ),
    'PUT /api/v1/me/notifications': fc.record(
      {
        email: mostly(fc.constantFrom('off', 'immediate', 'daily'), fc.constant('weekly')),
        types: fc.dictionary(
          fc.constantFrom(...NOTIFICATION_TYPES, 'nonsense'),
          mostly(fc.boolean(), fc.constant('yes') as fc.Arbitrary<unknown> as fc.Arbitrary<boolean>),
        ),
      },
      { requiredKeys: [] },
    ),
    'POST /api/v1/follows': fc.oneof(
      fc.record({ threadId: idOrNot(pools.threads) }),
      fc.record({ initiativeId: idOrNot(pools.initiatives) }),
    ),
    'DELETE /api/v1/follows': fc.oneof(
      fc.record({ threadId: idOrNot(pools.threads) }),
      fc.record({ initiativeId: idOrNot(pools.initiatives) }),
    ),
  };
}

/** A meeting as the API takes it, nearly right: times with and without offsets, zones real and not, agendas with ids of every kind. */
function meeting(pools: { threads: number[]; initiatives: number[] }, create: boolean): fc.Arbitrary<Record<string, unknown>> {
  const instant = mostly(
    fc.integer({ min: -48, max: 24 * 30 }).map((h) => new Date(Date.now() + h * 3_600_000).toISOString()),
    fc.constantFrom('2031-03-02T09:00:00', 'tomorrow', '2031-02-30T09:00:00+05:00'),
  );
  const keys = {
    threadId: mostly(fc.constantFrom(...pools.threads), fc.constantFrom(0, 999_999)),
    title: text(200),
    level: mostly(fc.constantFrom(...MEETING_LEVELS), fc.constant('bilateral')),
    startsAt: instant,
    endsAt: instant,
    timezone: mostly(fc.constantFrom('Asia/Almaty', 'Asia/Tashkent', 'UTC'), fc.constantFrom('Mars/Olympus', '+05:00', 'asia/almaty')),
    place: fc.oneof(text(200), fc.constant(null)),
    chairState: fc.oneof(state, fc.constant(null)),
    states: mostly(fc.subarray([...CA_STATES], { minLength: 1 }), fc.constantFrom([], ['KZ', 'KZ'], ['XX'])),
    agenda: fc.array(
      fc.record(
        { initiativeId: mostly(fc.constantFrom(...pools.initiatives), fc.constantFrom(0, 999_999)), title: text(200) },
        { requiredKeys: [] },
      ),
      { maxLength: 4 },
    ),
  };
  if (create) return fc.record(keys, { requiredKeys: ['title', 'level', 'startsAt', 'endsAt', 'timezone', 'states'] });
  const { threadId: _room, ...patch } = keys;
  return fc.record(patch, { requiredKeys: [] });
}

/** Query strings with up to three of the parameters the list routes read, valid and not. */
/** A query string of up to three known parameters; `required` ones always among them (a route refusing without them). */
export function apiQuery(
  pools: { threads: number[]; initiatives: number[] },
  required: string[] = [],
): fc.Arbitrary<Record<string, string>> {
  const value = (valid: fc.Arbitrary<string>) =>
    fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: fc.string({ maxLength: 30 }), weight: 1 });
  const parameters: Record<string, fc.Arbitrary<string>> = {
    since: value(fc.nat({ max: 5000 }).map(String)),
    limit: value(fc.constantFrom('1', '50', '100', '0', '101', '1000')),
    cursor: value(fc.nat().map(String)),
    before: value(fc.nat().map(String)),
    status: value(fc.constantFrom(...STATUSES)),
    state: value(state),
    topic: value(topic),
    format: value(fc.constantFrom('CA-2', 'CA-3', 'CA-5', 'CA-9')),
    partner: value(fc.constantFrom('EU', 'JP')),
    q: value(fc.constantFrom('water', 'Вода', '%', '_')),
    threadId: value(fc.constantFrom(...pools.threads).map(String)),
    initiativeId: value(fc.constantFrom(...pools.initiatives).map(String)),
    focus: value(fc.constantFrom(...pools.initiatives).map(String)),
    // Instants (meetings) and days (the audit).
    from: value(
      fc.oneof(
        fc.integer({ min: -240, max: 240 }).map((h) => new Date(Date.now() + h * 3_600_000).toISOString()),
        fc.integer({ min: -5, max: 5 }).map((d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10)),
      ),
    ),
    // Instants (meetings) and days (the audit).
    to: value(
      fc.oneof(
        fc.integer({ min: -240, max: 240 }).map((h) => new Date(Date.now() + h * 3_600_000).toISOString()),
        fc.integer({ min: -5, max: 5 }).map((d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10)),
      ),
    ),
    level: value(fc.constantFrom(...MEETING_LEVELS)),
    implementation: value(fc.constantFrom('not_started', 'in_progress', 'done', 'overdue')),
    // The reports queue and the audit.
    type: value(fc.constantFrom('thread.archived', 'message.hidden', 'member.added', 'nothing.happened')),
    facilitator: value(fc.nat({ max: 40 }).map(String)),
  };
  return fc
    .uniqueArray(fc.constantFrom(...Object.keys(parameters)), { maxLength: 3 })
    .chain((keys) => fc.record(Object.fromEntries([...new Set([...required, ...keys])].map((key) => [key, parameters[key]]))));
}

/** A path parameter: a real id of the right kind most of the time, else something that is not. */
export function pathParameter(pool: readonly (number | string)[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...pool).map(String), weight: 4 },
    {
      arbitrary: fc.oneof(
        fc.constantFrom('0', '-1', 'abc', '1.5', '%00', '..', 'KZ', 'XX', '9'.repeat(30), '999999', '1e3', ' 1'),
        // Digits only from the pool: a random "1" might be a fuzz client's own token or participant.
        fc
          .string({ maxLength: 10 })
          .filter((s) => !/^\d+$/.test(s.trim()))
          .map(encodeURIComponent),
      ),
      weight: 1,
    },
  );
}

/** Socket payloads of the four client events (lib/realtime/types.ts). */
export function socketPayloads(pools: {
  threads: number[];
}): Record<'subscribe' | 'unsubscribe' | 'message:send' | 'typing', fc.Arbitrary<unknown>> {
  const channel = fc.oneof(
    { arbitrary: fc.constantFrom('dashboard', ...pools.threads.map((id) => `thread:${id}`)), weight: 4 },
    {
      arbitrary: fc.constantFrom('thread:0', 'thread:abc', 'everything', 'thread:999999', 'Thread:1', `thread:${2 ** 53}`, 'dashboard '),
      weight: 1,
    },
  );
  const since = fc.oneof(fc.nat({ max: 5000 }), fc.constantFrom(0, -1, 1.5, Number.MAX_SAFE_INTEGER, 2 ** 53));
  const opId = fc.oneof(
    fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 8, maxLength: 64 }),
    fc.constantFrom('short', '!!!!!!!!!!', 'x'.repeat(65)),
  );
  const threadId = idOrNot(pools.threads);
  return {
    subscribe: nearly(fc.record({ channel, since }, { requiredKeys: ['channel'] })),
    unsubscribe: nearly(fc.record({ channel })),
    'message:send': nearly(fc.record({ threadId, body: text(4000), opId }, { requiredKeys: ['threadId', 'body'] })),
    typing: nearly(fc.record({ threadId })),
  };
}
