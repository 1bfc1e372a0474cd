/**
 * The server-rendered dashboard on 10,000 initiatives, 50,000 stances and 200,000 events: time to
 * first byte, throughput at ten connections beside a bare node:http handler rendering the same rows,
 * page weight (HTML with its RSC payload), the dashboard API, and first-load JavaScript.
 *
 *   npm run build && npx tsx bench/dashboard.ts
 *   DIALECT=postgres npx tsx bench/dashboard.ts     (the same data copied into PostgreSQL with db:copy;
 *                                                    the bare baseline reads the SQLite file)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { hash } from '@node-rs/argon2';
import { Client } from '../tests/helpers/client';
import { startServer } from '../tests/helpers/server';
import { withMigratedDatabase } from './lib/database';
import { generateDataset } from './lib/dataset';
import { postgresCopyOf } from './lib/postgres';
import { machine, round, summarize } from './lib/stats';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const DIALECT = process.env.DIALECT === 'postgres' ? 'postgres' : 'sqlite';

/** Time to first byte and full time of one GET on a keep-alive agent. */
function get(
  url: string,
  agent: http.Agent,
  headers: Record<string, string> = {},
): Promise<{ ttfb: number; total: number; bytes: number; status: number; body: Buffer }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers }, (res) => {
        const ttfb = performance.now() - started;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ ttfb, total: performance.now() - started, bytes: body.length, status: res.statusCode ?? 0, body });
        });
      })
      .on('error', reject);
  });
}

async function sequential(url: string, headers: Record<string, string>, count: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < 20; i++) await get(url, agent, headers);
  const ttfb: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = await get(url, agent, headers);
    if (r.status !== 200) throw new Error(`${url} → ${r.status}`);
    ttfb.push(r.ttfb);
  }
  return summarize(ttfb);
}

async function throughput(url: string, headers: Record<string, string>, connections: number, seconds: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  let done = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const r = await get(url, agent, headers);
        if (r.status !== 200) throw new Error(`${url} → ${r.status}`);
        done++;
      }
    }),
  );
  return round(done / seconds, 0);
}

/** First-load JavaScript in modern browsers: the gzip size of every script the HTML loads, `nomodule` polyfills aside. */
async function firstLoadJs(baseUrl: string, pagePath: string, cookie: string) {
  const agent = new http.Agent({ keepAlive: true });
  const html = (await get(baseUrl + pagePath, agent, { cookie })).body.toString();
  const sources = [
    ...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"[^>]*>/g)].filter((m) => !/nomodule/i.test(m[0])).map((m) => m[1])),
  ];
  let gzip = 0;
  for (const src of sources) gzip += zlib.gzipSync((await get(baseUrl + src, agent)).body, { level: 9 }).length;
  return { scripts: sources.length, gzipKB: round(gzip / 1024, 1) };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaikhana-dashboard-'));
  const file = path.join(dir, 'chaikhana.db');
  const password = 'bench-password-123';
  const passwordHash = await hash(password);
  console.log(`Machine: ${machine()}; generating 10,000 initiatives, 50,000 stances, 200,000 events…`);
  const dataset = await withMigratedDatabase(file, async (db) => {
    const generated = generateDataset(db, { initiatives: 10_000, events: 200_000, passwordHash });
    // Loaded here, after withMigratedDatabase has pointed the data layer at the benchmark's file.
    const { rebuildDashboardTotals } = await import('../lib/services/dashboard/totals');
    await rebuildDashboardTotals();
    return generated;
  });

  const postgres = DIALECT === 'postgres' ? await postgresCopyOf(file) : null;
  const server = await startServer(postgres ? { env: { DATABASE_URL: postgres.url }, demo: false } : { dbPath: file, demo: false });
  const bare = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/bare-dashboard-server.ts', file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const barePort = await new Promise<number>((resolve) =>
      bare.stdout!.on('data', (d: Buffer) => {
        const match = /listening on (\d+)/.exec(d.toString());
        if (match) resolve(Number(match[1]));
      }),
    );
    const client = new Client(server.url);
    await client.signIn(dataset.delegates[0].email, password);
    const cookie = client.cookieHeader();
    const headers = { cookie };
    const page = `${server.url}/dashboard`;

    const agent = new http.Agent({ keepAlive: true });
    const html = await get(page, agent, headers);
    // A client-side navigation's RSC request (Next 16 redirects one without its `_rsc` parameter).
    const rsc = await get(`${page}?_rsc`, agent, { ...headers, rsc: '1' });
    if (rsc.status !== 200) throw new Error(`RSC request answered ${rsc.status}`);
    const weight = {
      htmlKB: round(html.bytes / 1024, 1),
      htmlGzipKB: round(zlib.gzipSync(html.body).length / 1024, 1),
      rscNavigationKB: round(rsc.bytes / 1024, 1),
      rows: (html.body.toString().match(/data-row="/g) ?? []).length,
    };

    const report = {
      date: new Date().toISOString(),
      machine: machine(),
      dialect: DIALECT,
      dataset: { initiatives: 10_000, stances: 50_000, events: 200_000 },
      page: weight,
      ttfbOneConnection: await sequential(page, headers, 300),
      filteredTtfbOneConnection: await sequential(`${page}?topic=water&format=CA-3`, headers, 200),
      requestsPerSecondTenConnections: await throughput(page, headers, 10, SECONDS),
      bareRequestsPerSecondTenConnections: await throughput(`http://localhost:${barePort}/`, {}, 10, SECONDS),
      // The floor of this build: the home page (layout, header, proxy) at ten connections.
      homePageRequestsPerSecondTenConnections: await throughput(`${server.url}/`, headers, 10, SECONDS),
      api: await sequential(`${server.url}/api/v1/dashboard`, headers, 300),
      firstLoadJs: {
        dashboard: await firstLoadJs(server.url, '/dashboard', cookie),
        emptyPage: await firstLoadJs(server.url, '/', cookie),
      },
    };
    const ratio = round(report.requestsPerSecondTenConnections / report.bareRequestsPerSecondTenConnections, 3);
    const jsRatio = round(report.firstLoadJs.dashboard.gzipKB / report.firstLoadJs.emptyPage.gzipKB, 2);
    const final = { ...report, throughputRatio: ratio, firstLoadJsRatio: jsRatio };
    console.log(JSON.stringify(final, null, 2));
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync(`bench/results/dashboard-${DIALECT}-${Date.now()}.json`, JSON.stringify(final, null, 2));
  } finally {
    bare.kill('SIGTERM');
    await server.stop();
    await postgres?.server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
