import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAll, type Client, type DemoKey } from '../helpers/client';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let as: Record<DemoKey, Client>;
let discreetInitiative: number;
const HOSTILE = '=HYPERLINK("http://evil.example","Click") "quoted", Вода';

beforeAll(async () => {
  // The smallest pool allowed: on PostgreSQL, concurrent page loads must not wait for each other's connections.
  server = await startServer({ env: { DATABASE_POOL_SIZE: '2' } });
  as = await signInAll(server.url);
  // A burst of real changes through the API, so the maintained totals have something to keep up with.
  const room = (
    await as.expert.post('/api/v1/threads', { title: 'Grid and water', topic: 'energy', summary: '', states: ['KZ', 'KG', 'UZ'] })
  ).body.id;
  const ids: number[] = [];
  for (const [states, partners] of [
    [['KZ', 'KG'], []],
    [['KZ', 'KG', 'UZ'], ['EU']],
    [
      ['KG', 'UZ'],
      ['CN', 'RU'],
    ],
  ] as const) {
    ids.push(
      (await as.expert.post(`/api/v1/threads/${room}/initiatives`, { title: `Energy ${ids.length}`, summary: '', states, partners })).body
        .id,
    );
  }
  await as.expert.post(`/api/v1/threads/${room}/initiatives`, { title: HOSTILE, summary: '', states: ['KZ', 'UZ'] });
  const moves: [DemoKey, number, string, string][] = [
    ['kz', ids[0], 'KZ', 'endorse'],
    ['kg', ids[0], 'KG', 'endorse'],
    ['kz', ids[1], 'KZ', 'step_aside'],
    ['kg', ids[1], 'KG', 'endorse'],
    ['uz', ids[1], 'UZ', 'endorse'],
    ['kg', ids[2], 'KG', 'reservation'],
    ['uz', ids[2], 'UZ', 'endorse'],
    ['kz', ids[1], 'KZ', 'endorse'],
  ];
  for (const [who, id, state, position] of moves) await as[who].put(`/api/v1/initiatives/${id}/stances/${state}`, { position });
  await as.facilitator.post(`/api/v1/initiatives/${ids[0]}/formalize`);
  await as.expert.patch(`/api/v1/initiatives/${ids[1]}`, { title: 'Energy 1, revised' });

  const quiet = (
    await as.facilitator.post('/api/v1/threads', { title: 'Quiet water talks', topic: 'water', summary: '', visibility: 'discreet' })
  ).body.id;
  await as.facilitator.post(`/api/v1/threads/${quiet}/members`, { userId: (await as.tj.get('/api/v1/me')).body.id });
  discreetInitiative = (
    await as.tj.post(`/api/v1/threads/${quiet}/initiatives`, {
      title: 'Secret reservoir deal',
      summary: '',
      states: ['TJ', 'UZ'],
      partners: ['AF'],
    })
  ).body.id;
  await as.tj.put(`/api/v1/initiatives/${discreetInitiative}/stances/TJ`, { position: 'endorse' });
});
afterAll(async () => {
  await server?.stop();
});

/** Counted straight from the tables, independently of the maintained totals. */
async function directCounts(scope: string, params: unknown[] = []) {
  const q = async (sql: string) => await server.query<{ key: string; n: number }>(sql, ...params);
  const from = `FROM initiatives i JOIN threads t ON t.id = i.thread_id WHERE ${scope}`;
  const toMap = (rows: { key: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.key, r.n]));
  return {
    all: (await q(`SELECT 'all' AS key, COUNT(*) AS n ${from}`))[0].n,
    byStatus: toMap(await q(`SELECT i.status AS key, COUNT(*) AS n ${from} GROUP BY i.status`)),
    byFormat: toMap(await q(`SELECT i.format AS key, COUNT(*) AS n ${from} GROUP BY i.format`)),
    byTopic: toMap(await q(`SELECT t.topic AS key, COUNT(*) AS n ${from} GROUP BY t.topic`)),
    minusX: (
      await q(
        `SELECT 'm' AS key, COUNT(*) AS n ${from} AND EXISTS (SELECT 1 FROM stances s WHERE s.initiative_id = i.id AND s.position = 'step_aside')`,
      )
    )[0].n,
    plusX: (
      await q(`SELECT 'p' AS key, COUNT(*) AS n ${from} AND EXISTS (SELECT 1 FROM initiative_partners p WHERE p.initiative_id = i.id)`)
    )[0].n,
    endorsed: toMap(
      await q(
        `SELECT s.state_code AS key, COUNT(*) AS n FROM stances s JOIN initiatives i ON i.id = s.initiative_id JOIN threads t ON t.id = i.thread_id WHERE ${scope} AND s.position = 'endorse' GROUP BY s.state_code`,
      ),
    ),
  };
}

const withoutZeros = (record: Record<string, number>) => Object.fromEntries(Object.entries(record).filter(([, n]) => n > 0));

describe('the dashboard page', () => {
  it('answers twenty loads at once, by a member of a discreet room, on a pool of two connections', async () => {
    const pages = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const response = await fetch(`${server.url}/dashboard`, {
          headers: { cookie: as.tj.cookieHeader() },
          signal: AbortSignal.timeout(20_000),
        });
        return { status: response.status, rows: ((await response.text()).match(/data-row="/g) ?? []).length };
      }),
    );
    expect(pages.every((page) => page.status === 200 && page.rows > 0)).toBe(true);
  });
});

describe('the dashboard API', () => {
  it('reports totals that match a direct count, for a participant without discreet rooms', async () => {
    const { body } = await as.kz.get('/api/v1/dashboard');
    const direct = await directCounts(`t.visibility = 'open'`);
    expect(body.totals.all).toBe(direct.all);
    expect(withoutZeros(body.totals.byStatus)).toEqual(direct.byStatus);
    expect(body.totals.byFormat).toEqual(direct.byFormat);
    expect(body.totals.byTopic).toEqual(direct.byTopic);
    expect(body.totals.minusX).toBe(direct.minusX);
    expect(body.totals.plusX).toBe(direct.plusX);
    const endorsedByState = Object.fromEntries(
      Object.entries(body.totals.endorsed as Record<string, number>).filter(([k]) => !k.includes(':')),
    );
    expect(endorsedByState).toEqual(direct.endorsed);
    expect(body.matching).toBe(direct.all);
  });

  it('adds a member’s discreet rooms, and only theirs', async () => {
    const member = (await as.tj.get('/api/v1/dashboard')).body;
    const outsider = (await as.kz.get('/api/v1/dashboard')).body;
    const tjId = (await as.tj.get('/api/v1/me')).body.id;
    const direct = await directCounts(
      `(t.visibility = 'open' OR EXISTS (SELECT 1 FROM memberships m WHERE m.thread_id = t.id AND m.participant_id = ?))`,
      [tjId],
    );
    expect(member.totals.all).toBe(direct.all);
    const discreetSeen = (
      await server.query(
        `SELECT COUNT(*) AS n FROM initiatives i JOIN threads t ON t.id = i.thread_id JOIN memberships m ON m.thread_id = t.id WHERE t.visibility = 'discreet' AND m.participant_id = ?`,
        tjId,
      )
    )[0].n;
    expect(discreetSeen).toBeGreaterThanOrEqual(2);
    expect(member.totals.all).toBe(outsider.totals.all + discreetSeen);
    expect(member.totals.byPartner.AF).toBe(1);
    expect(outsider.totals.byPartner.AF).toBeUndefined();
    expect(member.items.map((i: { id: number }) => i.id)).toContain(discreetInitiative);
    expect(outsider.items.map((i: { id: number }) => i.id)).not.toContain(discreetInitiative);
  });

  it('keeps the maintained totals equal to a recount after every kind of write', async () => {
    const maintained = Object.fromEntries(
      (await server.query<{ bucket: string; count: number }>('SELECT bucket, count FROM dashboard_totals'))
        .filter((r) => r.count !== 0)
        .map((r) => [r.bucket, r.count]),
    );
    const direct = await directCounts(`t.visibility = 'open'`);
    expect(maintained.all).toBe(direct.all);
    for (const [status, n] of Object.entries(direct.byStatus)) expect(maintained[`status:${status}`]).toBe(n);
    for (const [format, n] of Object.entries(direct.byFormat)) expect(maintained[`format:${format}`]).toBe(n);
    for (const [state, n] of Object.entries(direct.endorsed)) expect(maintained[`endorsed:${state}`]).toBe(n);
    expect(maintained.minus ?? 0).toBe(direct.minusX);
  });

  it('builds the weekly history from the event log, ending at the current figures', async () => {
    const { body } = await as.kz.get('/api/v1/dashboard');
    expect(body.history).toHaveLength(12);
    expect(body.history.at(-1).counts).toEqual(body.totals.byStatus);
  });

  it('sorts by last change, filters, and pages with a cursor', async () => {
    const first = (await as.kz.get('/api/v1/dashboard?limit=3')).body;
    expect(first.items).toHaveLength(3);
    const stamps = first.items.map((i: { updatedAt: string }) => i.updatedAt);
    expect(stamps).toEqual([...stamps].sort().reverse());
    const second = (await as.kz.get(`/api/v1/dashboard?limit=3&cursor=${encodeURIComponent(first.next)}`)).body;
    expect(second.items.map((i: { id: number }) => i.id)).not.toContain(first.items[0].id);

    const filtered = (await as.kz.get('/api/v1/dashboard?topic=energy&format=CA-2')).body;
    expect(filtered.items.length).toBeGreaterThan(0);
    expect(filtered.items.every((i: { topic: string; format: string }) => i.topic === 'energy' && i.format === 'CA-2')).toBe(true);
    expect(filtered.matching).toBe(filtered.items.length);
    const partner = (await as.kz.get('/api/v1/dashboard?partner=EU')).body;
    expect(partner.matching).toBe(partner.totals.byPartner.EU);

    expect((await as.kz.get('/api/v1/dashboard?status=maybe')).status).toBe(400);
    expect((await as.kz.get('/api/v1/dashboard?cursor=nonsense')).status).toBe(400);
  });

  it('tells what changed since the last visit, and forgets it once seen', async () => {
    const before = (await as.uz.get('/api/v1/events?since=0&limit=1000')).body.items.at(-1).id;
    expect((await as.uz.post('/api/v1/me/dashboard-seen', { eventId: before })).body.seen).toBe(before);
    expect((await as.uz.post('/api/v1/me/dashboard-seen', { eventId: 1 })).body.seen).toBe(before);
    expect((await as.uz.post('/api/v1/me/dashboard-seen', { eventId: 'x' })).status).toBe(400);
  });
});

describe('exports', () => {
  it('give one CSV row per visible initiative, a column per state, UTF-8 with BOM and defused formulas', async () => {
    const response = await as.kz.raw('GET', '/api/v1/export/initiatives.csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '"id","title","room","topic","status","format","label","minus","plus","KZ","KG","TJ","TM","UZ","endorsements","updatedAt","formalizedAt","implementation","implementationKZ","implementationKG","implementationTJ","implementationTM","implementationUZ","reviewAt","reviewOverdue"',
    );
    const visible = (
      await server.query(`SELECT COUNT(*) AS n FROM initiatives i JOIN threads t ON t.id = i.thread_id WHERE t.visibility = 'open'`)
    )[0].n;
    expect(lines.length - 1).toBe(visible);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"") ""quoted"", Вода"`);
    expect(text).not.toContain('Secret reservoir deal');
    expect(text).toContain('"pending (acceding)"');
  });

  it('give the same rows as JSON, with visibility applied exactly like the pages', async () => {
    const outsider = (await as.kz.get('/api/v1/export/initiatives.json')).body.items;
    const member = (await as.tj.get('/api/v1/export/initiatives.json')).body.items;
    const tjId = (await as.tj.get('/api/v1/me')).body.id;
    const memberVisible = (
      await server.query(
        `SELECT COUNT(*) AS n FROM initiatives i JOIN threads t ON t.id = i.thread_id WHERE t.visibility = 'open' OR EXISTS (SELECT 1 FROM memberships m WHERE m.thread_id = t.id AND m.participant_id = ?)`,
        tjId,
      )
    )[0].n;
    expect(member.length).toBe(memberVisible);
    expect(outsider.length).toBeLessThan(member.length);
    const secret = member.find((r: { title: string }) => r.title === 'Secret reservoir deal');
    expect(secret).toMatchObject({ TJ: 'endorse', UZ: 'pending', KZ: '', plus: 'AF', status: 'consultation' });
    const filtered = (await as.kz.get('/api/v1/export/initiatives.json?topic=energy')).body.items;
    expect(filtered.every((r: { topic: string }) => r.topic === 'energy')).toBe(true);
  });

  it('refuse anonymous readers', async () => {
    expect((await new (as.kz.constructor as typeof Client)(server.url).get('/api/v1/export/initiatives.csv')).status).toBe(401);
  });
});
