/**
 * Two app processes on one PostgreSQL database against one, in the same run on the same data:
 *  - fan-out: N dashboard sockets (all on node A, then split half and half across A and B) while
 *    stance changes are written at a steady rate (through A, then alternately through A and B);
 *    latency from the write's request to each socket's event;
 *  - writes: WRITERS concurrent stance writers through A alone, then split across A and B, with
 *    the same number of connections to PostgreSQL in total (POOL_ONE, POOL_TWO);
 * in ROUNDS alternating rounds (one node, two nodes, one, two…), each node warmed up first.
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
import { drive, endorseAsKazakhstan, fanoutDataset, metrics, openSockets, PER_PARTICIPANT, sleep, viewerCookies } from './lib/fanout';
import { httpClient } from './lib/http-load';
import { postgresCopyOf } from './lib/postgres';
import { machine, round, summarize } from './lib/stats';

const N = Number(process.env.N ?? 1000);
const RATE = Number(process.env.RATE ?? 20);
const SECONDS = Number(process.env.SECONDS ?? 15);
const WRITE_SECONDS = Number(process.env.WRITE_SECONDS ?? 30);
const WRITERS = Number(process.env.WRITERS ?? 50);
/** Connections per node: the same total to PostgreSQL whether one node or two (the default pool is 10). */
const POOL_ONE = Number(process.env.POOL_ONE ?? 10);
const POOL_TWO = Number(process.env.POOL_TWO ?? 5);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
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
      await endorseAsKazakhstan(requests[i % requests.length], writerCookie, id);
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

/** A freshly started node's first requests pay for compiling and connecting: 100 writes through each first. */
async function warmUp(started: TestServer[], cookie: string, initiativeIds: number[]) {
  for (const node of started) {
    const request = httpClient(node.url, 4);
    for (let i = 0; i < 100; i++) {
      const position = i % 2 ? 'endorse' : 'pending';
      await request('PUT', `/api/v1/initiatives/${initiativeIds[i]}/stances/KZ`, { cookie }, JSON.stringify({ position }));
    }
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaikhana-two-nodes-'));
  const file = path.join(dir, 'chaikhana.db');
  const password = 'bench-password-123';
  const passwordHash = await hash(password);
  const viewers = Math.ceil(N / PER_PARTICIPANT) + 1;
  const writesPerPhase = RATE * SECONDS;
  const dataset = await withMigratedDatabase(file, (db) =>
    fanoutDataset(db, { initiatives: 5 * ROUNDS * writesPerPhase + 2_000, viewers, passwordHash }),
  );
  if (dataset.openInitiativeIds.length < 2 * ROUNDS * writesPerPhase + 500) throw new Error('Too few open initiatives for this run');
  const postgres = await postgresCopyOf(file);
  console.log(`Machine: ${machine()}; ${N} sockets, ${RATE} writes/s for ${SECONDS} s; ${WRITERS} writers for ${WRITE_SECONDS} s`);

  const env = { DATABASE_URL: postgres.url, CHAIKHANA_METRICS: '1' };
  let running: TestServer[] = [];
  /** Stops the running nodes and starts `count` (sessions and data are in PostgreSQL: nothing is lost). */
  async function nodes(count: 1 | 2): Promise<TestServer[]> {
    await Promise.all(running.map((node) => node.stop()));
    const pool = String(count === 1 ? POOL_ONE : POOL_TWO);
    running = await Promise.all(
      Array.from({ length: count }, () => startServer({ env: { ...env, DATABASE_POOL_SIZE: pool }, demo: false })),
    );
    return running;
  }
  try {
    const [first] = await nodes(1);
    const cookies = await viewerCookies(first.url, viewers, password);
    const delegates: Record<string, string> = {};
    for (const delegate of dataset.delegates) {
      const client = new Client(first.url);
      await client.signIn(delegate.email, password);
      delegates[delegate.state] = client.cookieHeader();
    }
    const phaseIds = (k: number) => dataset.openInitiativeIds.slice(k * writesPerPhase, (k + 1) * writesPerPhase);
    // Fan-out phases write to initiatives of their own (set up so one write makes one event); the write-rate phases to the rest.
    const writeIds = dataset.openInitiativeIds.slice(2 * ROUNDS * writesPerPhase);

    // One node, then two, in alternating rounds, so that a busier moment of a shared machine falls on both.
    type Round = { fanOut: Awaited<ReturnType<typeof fanOut>>; writes: Awaited<ReturnType<typeof writeRate>> };
    const rounds: Record<'oneNode' | 'twoNodes', Round[]> = { oneNode: [], twoNodes: [] };
    let phase = 0;
    for (let r = 0; r < ROUNDS; r++) {
      for (const count of [1, 2] as const) {
        const started = await nodes(count);
        await warmUp(started, delegates.KZ, writeIds);
        const result = {
          fanOut: await fanOut(started, started, cookies, delegates.KZ, phaseIds(phase++)),
          writes: await writeRate(started, delegates, writeIds),
        };
        rounds[count === 1 ? 'oneNode' : 'twoNodes'].push(result);
        console.log(JSON.stringify({ nodes: count, ...result }));
      }
    }
    const mean = (list: number[]) => round(list.reduce((sum, v) => sum + v, 0) / list.length, 1);
    const summary = (list: Round[]) => ({
      deliveryP50: mean(list.map((x) => x.fanOut.delivery.p50)),
      deliveryP99: mean(list.map((x) => x.fanOut.delivery.p99)),
      writesPerSecond: mean(list.map((x) => x.writes.perSecond)),
    });
    const oneNode = summary(rounds.oneNode);
    const twoNodes = summary(rounds.twoNodes);

    const report = {
      date: new Date().toISOString(),
      machine: machine(),
      sockets: N,
      rate: RATE,
      seconds: SECONDS,
      writers: WRITERS,
      poolPerNode: { oneNode: POOL_ONE, twoNodes: POOL_TWO },
      writeSeconds: WRITE_SECONDS,
      oneNode,
      twoNodes,
      deliveryP99Ratio: round(twoNodes.deliveryP99 / oneNode.deliveryP99, 2),
      writesRatio: round(twoNodes.writesPerSecond / oneNode.writesPerSecond, 2),
      rounds,
    };
    console.log(JSON.stringify(report, null, 2));
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync(`bench/results/two-nodes-${Date.now()}.json`, JSON.stringify(report, null, 2));
  } finally {
    await Promise.all(running.map((node) => node.stop()));
    await postgres.server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
