/**
 * Chaikhana's one process: Next.js and socket.io on the same HTTP port.
 * Production runs its bundle (`npm start` → dist/server.mjs, built by `npm run build`);
 * `npm run dev` runs this file through tsx with `--dev` and hot reload.
 */
import http from 'node:http';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const dev = process.argv.includes('--dev');
(process.env as Record<string, string>).NODE_ENV = dev ? 'development' : 'production';
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

async function main(): Promise<void> {
  const { projectRoot } = await import('./lib/project-root');
  const root = projectRoot();
  const { readEnv, setProcessEnv } = await import('./lib/env');
  const { ensureAuthSecret } = await import('./lib/auth/secret');
  const { sqlite, closeDatabase } = await import('./db/client');
  const { startCheckpointer } = await import('./db/checkpointer');
  const { applyMigrations } = await import('./db/migrate');
  const { seedReferenceData } = await import('./db/seed-reference');
  const { ensureDashboardTotals } = await import('./lib/services/dashboard/totals');
  const { seedDemoIfEmpty, DEMO_ACCOUNTS, DEMO_PASSWORD } = await import('./db/demo/seed-demo');
  const { CLIENT_ADDRESS_HEADER } = await import('./lib/http/client-address');
  const { startRealtime } = await import('./lib/realtime/server');
  const { handleApiRequest, isApiPath } = await import('./lib/http/node-api');

  const env = readEnv();
  ensureAuthSecret();
  sqlite();
  applyMigrations();
  const checkpointer = startCheckpointer();
  const { claimServerLock } = await import('./lib/server-lock');
  const releaseLock = claimServerLock(path.resolve(env.DATABASE_PATH));
  seedReferenceData();
  ensureDashboardTotals();
  const seeded = env.CHAIKHANA_DEMO === '1' ? await seedDemoIfEmpty() : false;


  let handle: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | null = null;
  let ready!: () => void;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));

  const metrics = process.env.CHAIKHANA_METRICS === '1' ? serverMetrics() : null;
  const server = http.createServer(async (req, res) => {
    // Our own record of the peer address (rate limits), never the client's claim.
    req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? 'unknown';
    if (metrics && req.url?.startsWith('/__metrics')) return metrics(req, res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (isApiPath(url.pathname)) {
      return handleApiRequest(req, res, url).catch((error) => {
        console.error('API request failed', error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"error":{"code":"internal","message":"Something went wrong on our side"}}');
      });
    }
    if (!handle) await whenReady;
    await handle!(req, res);
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const port = (server.address() as { port: number }).port;
  const publicUrl = env.NEXTAUTH_URL ?? `http://localhost:${port}`;
  setProcessEnv('NEXTAUTH_URL', publicUrl);

  const { default: next } = await import('next');
  const app = next({ dev, dir: root, hostname: 'localhost', port, httpServer: server });
  await app.prepare();
  handle = app.getRequestHandler();
  const realtime = startRealtime(server);
  ready();

  console.log(`Chaikhana listening on ${publicUrl} (${dev ? 'development' : 'production'}, database ${path.resolve(env.DATABASE_PATH)})`);
  if (seeded) {
    console.log(`Demo content seeded. Sign in with any of these accounts, password "${DEMO_PASSWORD}":`);
    for (const account of DEMO_ACCOUNTS) console.log(`  ${account.email.padEnd(28)} ${account.description}`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close();
    server.closeIdleConnections();
    realtime
      .close()
      .catch(() => {})
      .then(() => checkpointer.stop())
      .finally(() => {
        server.closeAllConnections();
        closeDatabase();
        releaseLock();
        process.exit(0);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/**
 * Benchmarks only (CHAIKHANA_METRICS=1, loopback clients): event-loop delay and memory of this
 * process. `?reset=1` restarts the delay histogram; `?gc=1` collects first (needs --expose-gc).
 */
function serverMetrics() {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const loopback = ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '');
    if (!loopback) {
      res.writeHead(404).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const collect = (globalThis as { gc?: () => void }).gc;
    if (url.searchParams.has('gc') && collect) collect();
    const memory = process.memoryUsage();
    const body = {
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      eventLoopDelayMs: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
    };
    if (url.searchParams.has('reset')) delay.reset();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
