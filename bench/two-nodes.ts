/**
 * Two app processes on one PostgreSQL database against one, in the same run on the same data:
 *  - fan-out: N dashboard sockets (all on node A, then split half and half across A and B) while
 *    stance changes are written at a steady rate (through A, then alternately through A and B);
 *    latency from the write's request to each socket's event;
 *  - writes: WRITERS concurrent stance writers through A alone, then split across A and B.
 *
 *   npm run build && npx tsx bench/two-nodes.ts     (N=1000 RATE=20 SECONDS=15 WRITE_SECONDS=30 WRITERS=50;
 *                                                   embedded PostgreSQL, or BENCH_DATABASE_URL)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import type { Socket } from 'socket.io-client';
import { CA_STATES, type Position } from '../lib/consensus/codes';
import { Client } from '../tests/helpers/client';
import { startServer, type TestServer } from '../tests/helpers/server';
import { withMigratedDatabase } from './lib/database';
import { drive, fanoutDataset, metrics, openSockets, PER_PARTICIPANT, sleep, viewerCookies } from './lib/fanout';
import { httpClient } from './lib/http-load';
import { postgresCopyOf } from './lib/postgres';
import { machine, round, summarize } from './lib/stats';

const N = Number(process.env.N ?? 1000);
const RATE = Number(process.env.RATE ?? 20);
const SECONDS = Number(process.env.SECONDS ?? 15);
const WRITE_SECONDS = Number(process.env.WRITE_SECONDS ?? 30);
const WRITERS = Number(process.env.WRITERS ?? 50);
const POSITIONS_CYCLE: Position[] = ['endorse', 'reservation', 'pending', 'step_aside'];

/** Delivery of paced writes (through `writeVia`, round robin) to `n` sockets spread over `socketsOn` (round robin). */
async function fanOut(socketsOn: TestServer[], writeVia: TestServer[], cookies: string[], writerCookie: string, initiativeIds: number[]) {
  const sentAt = new Map<number, number>();
  const deliveries: number[] = [];
  const byInitiative = new Map<number, number>();
  let received = 0;
  const onEvent = (_socket: number, event: { initiativeId?: number; type?: string }) => {
    received++;
    if (event.type !== 'stance.changed' || event.initiativeId === undefined) return;
    const i = byInitiative.get(event.initiativeId);
    if (i !== undefined) deliveries.push(performance.now() - sentAt.get(i)!);
  };
  const sockets: Socket[] = [];
  const share = Math.ceil(N / socketsOn.length);
  for (const [k, node] of socketsOn.entries()) {
    // Each node's sockets use their own viewers' sessions (20 sockets per participant, the cap).
    const own = cookies.slice((k * share) / PER_PARTICIPANT);
    sockets.push(...(await openSockets(node.url, own, Math.min(share, N - k * share), true, onEvent)));
  }
  await sleep(1000);
  const requests = writeVia.map((node) => httpClient(node.url, 16));
  const result = await drive(
    { rate: RATE, seconds: SECONDS },
    N,
    async (i) => {
      const id = initiativeIds[i];
      byInitiative.set(id, i);
      const response = await requests[i % requests.length](
        'PUT',
        `/api/v1/initiatives/${id}/stances/KZ`,
        { cookie: writerCookie },
        JSON.stringify({ position: 'endorse' }),
      );
      if (response.status !== 200) throw new Error(`write → ${response.status} ${response.body}`);
    },
    sentAt,
    deliveries,
  );
  const loops = await Promise.all(socketsOn.map(async (node) => (await metrics(node.url)).eventLoopDelayMs));
  sockets.forEach((s) => s.disconnect());
  await sleep(1500);
  return {
    socketsPerNode: socketsOn.map((_, k) => Math.min(share, N - k * share)),
    delivered: `${result.delivered}/${result.expected}`,
    messagesPerWrite: round(received / result.expected, 2),
    delivery: summarize(deliveries),
    writer: result.writer,
    eventLoopDelayMs: loops,
  };
}

/** Acknowledged stance writes per second from WRITERS concurrent writers spread over `nodes`. */
async function writeRate(nodes: TestServer[], cookies: Record<string, string>, initiativeIds: number[]) {
  const requests = nodes.map((node) => httpClient(node.url, Math.ceil(WRITERS / nodes.length) + 2));
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let n = 0;
  const end = performance.now() + WRITE_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      const state = CA_STATES[w % 5];
      const request = requests[w % requests.length];
      while (performance.now() < end) {
        const i = n++;
        const id = initiativeIds[(i * 7919 + w) % initiativeIds.length];
        const result = await request(
          'PUT',
          `/api/v1/initiatives/${id}/stances/${state}`,
          { cookie: cookies[state] },
          JSON.stringify({ position: POSITIONS_CYCLE[i % 4] }),
        );
        latencies.push(result.ms);
        statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
      }
    }),
  );
  const ok = statuses.get(200) ?? 0;
  return { perSecond: round(ok / WRITE_SECONDS, 0), errors: latencies.length - ok, ...summarize(latencies) };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaikhana-two-nodes-'));
  const file = path.join(dir, 'chaikhana.db');
  const password = 'bench-password-123';
  const passwordHash = await hash(password);
  const viewers = Math.ceil(N / PER_PARTICIPANT) + 1;
  const writesPerPhase = RATE * SECONDS;
  const dataset = await withMigratedDatabase(file, (db) =>
    fanoutDataset(db, { initiatives: 5 * writesPerPhase + 2_000, viewers, passwordHash }),
  );
  if (dataset.openInitiativeIds.length < 2 * writesPerPhase + 500) throw new Error('Too few open initiatives for this run');
  const postgres = await postgresCopyOf(file);
  console.log(`Machine: ${machine()}; ${N} sockets, ${RATE} writes/s for ${SECONDS} s; ${WRITERS} writers for ${WRITE_SECONDS} s`);

  const env = { DATABASE_URL: postgres.url, CHAIKHANA_METRICS: '1' };
  const a = await startServer({ env, demo: false });
  let b: TestServer | null = null;
  try {
    const cookies = await viewerCookies(a.url, viewers, password);
    const delegates: Record<string, string> = {};
    for (const delegate of dataset.delegates) {
      const client = new Client(a.url);
      await client.signIn(delegate.email, password);
      delegates[delegate.state] = client.cookieHeader();
    }
    const phaseIds = (k: number) => dataset.openInitiativeIds.slice(k * writesPerPhase, (k + 1) * writesPerPhase);
    const writeIds = dataset.openInitiativeIds.slice(2 * writesPerPhase);

    const oneNodeWrites = await writeRate([a], delegates, writeIds);
    console.log(JSON.stringify({ oneNodeWrites }));
    const oneNode = await fanOut([a], [a], cookies, delegates.KZ, phaseIds(0));
    console.log(JSON.stringify({ oneNode }));

    b = await startServer({ env, demo: false });
    const twoNodes = await fanOut([a, b], [a, b], cookies, delegates.KZ, phaseIds(1));
    console.log(JSON.stringify({ twoNodes }));
    const twoNodeWrites = await writeRate([a, b], delegates, writeIds);
    console.log(JSON.stringify({ twoNodeWrites }));

    const report = {
      date: new Date().toISOString(),
      machine: machine(),
      sockets: N,
      rate: RATE,
      seconds: SECONDS,
      writers: WRITERS,
      writeSeconds: WRITE_SECONDS,
      fanOut: { oneNode, twoNodes, p99Ratio: round(twoNodes.delivery.p99 / oneNode.delivery.p99, 2) },
      writes: { oneNode: oneNodeWrites, twoNodes: twoNodeWrites, ratio: round(twoNodeWrites.perSecond / oneNodeWrites.perSecond, 2) },
    };
    console.log(JSON.stringify(report, null, 2));
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync(`bench/results/two-nodes-${Date.now()}.json`, JSON.stringify(report, null, 2));
  } finally {
    await Promise.all([a.stop(), b?.stop()]);
    await postgres.server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
