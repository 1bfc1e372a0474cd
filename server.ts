/**
 * Chaikhana's one process: Next.js and socket.io on the same HTTP port.
 * Production runs its bundle (`npm start` → dist/server.mjs, built by `npm run build`);
 * `npm run dev` runs this file through tsx with `--dev` and hot reload.
 */
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const dev = process.argv.includes('--dev');
(process.env as Record<string, string>).NODE_ENV = dev ? 'development' : 'production';
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

async function main(): Promise<void> {
  const { restrictNewFiles, secureDataFolder } = await import('./lib/data-folder');
  restrictNewFiles();
  const { projectRoot } = await import('./lib/project-root');
  const root = projectRoot();
  const { readEnv, setProcessEnv, databasePath, demoContent, isHttps } = await import('./lib/env');
  const { claimServerLock } = await import('./lib/server-lock');
  const { closeDatabase, connectOrExplain, database, sqliteDatabase } = await import('./db/client');
  const { startCheckpointer } = await import('./db/checkpointer');
  const { prepareDatabase } = await import('./db/startup');
  const { DEMO_ACCOUNTS, DEMO_PASSWORD } = await import('./db/demo/seed-demo');
  const { recordClientAddress } = await import('./lib/http/forwarded');
  const { startRealtime } = await import('./lib/realtime/server');
  const { handleApiRequest, isApiPath } = await import('./lib/http/node-api');
  const { registerMaintenanceJobs, scheduleMaintenance } = await import('./lib/services/maintenance');
  const { registerInitiativeJobs } = await import('./lib/services/initiatives/jobs');
  const { startJobRunner } = await import('./lib/scheduler/runner');
  const { registerNotificationJobs, scheduleDigests } = await import('./lib/services/notifications/jobs');
  const { startOutbox } = await import('./lib/services/notifications/outbox');

  // Start-up order (ARCHITECTURE.md): SQLite's data folder and lock; the database answers;
  // migrations, secret, reference lists, totals and demo (under one lock on PostgreSQL).
  const env = readEnv();
  let releaseLock = () => {};
  if (!env.DATABASE_URL) {
    secureDataFolder(databasePath(env));
    releaseLock = claimServerLock(databasePath(env));
  }
  await connectOrExplain();
  const sqlite = sqliteDatabase();
  const checkpointer = sqlite ? startCheckpointer(sqlite) : { stop: async () => {} };
  const { seeded, refused } = await prepareDatabase(demoContent(env));
  if (refused) {
    console.error(
      [
        '',
        '!!! Refusing to start: NEXTAUTH_URL is https (a public deployment) and the database is empty,',
        '!!! so demo content with publicly known passwords would be seeded. Set CHAIKHANA_DEMO=0 and',
        '!!! create the first facilitator with `npm run facilitator -- EMAIL`, or set CHAIKHANA_DEMO=1',
        '!!! explicitly for a public demonstration.',
        '',
      ].join('\n'),
    );
    releaseLock();
    process.exit(1);
  }
  if (seeded && isHttps(env)) {
    console.warn('!!! WARNING: demo accounts with a publicly known password were seeded on an https deployment (CHAIKHANA_DEMO=1).');
  }
  const where = database().dialect === 'postgres' ? 'PostgreSQL' : databasePath(env);
  registerMaintenanceJobs();
  registerInitiativeJobs();
  registerNotificationJobs();
  await scheduleMaintenance();
  await scheduleDigests();

  let handle: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | null = null;
  let ready!: () => void;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));

  const metrics = env.CHAIKHANA_METRICS === '1' ? serverMetrics() : null;
  const hsts = isHttps(env);
  const server = http.createServer(async (req, res) => {
    recordClientAddress(req);
    if (hsts) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
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
  // A client gets 15 s to send its headers and 30 s for the whole request, body included.
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const port = (server.address() as { port: number }).port;
  const publicUrl = env.NEXTAUTH_URL ?? `http://localhost:${port}`;
  setProcessEnv('NEXTAUTH_URL', publicUrl);

  const { default: next } = await import('next');
  const app = next({ dev, dir: root, hostname: 'localhost', port, httpServer: server });
  await app.prepare();
  handle = app.getRequestHandler();
  const realtime = await startRealtime(server);
  const stopJobs = startJobRunner();
  const stopOutbox = startOutbox();
  // socket.io's handshake arrives as an upgrade, not a request: the same record of the client.
  // (Only once socket.io listens: an upgrade with no listener is closed at once, and the client
  // retries; one with a listener but no socket.io would hang until the client gives up.)
  server.prependListener('upgrade', (req: http.IncomingMessage) => recordClientAddress(req));
  ready();

  const local = `http://${env.HOST ?? 'localhost'}:${port}`;
  const mode = dev ? 'development' : 'production';
  console.log(`Chaikhana listening on ${local}${publicUrl === local ? '' : ` (public address ${publicUrl})`} (${mode}, database ${where})`);
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
    stopJobs()
      .then(() => stopOutbox())
      .then(() => realtime.close())
      .catch(() => {})
      .then(() => checkpointer.stop())
      .then(() => closeDatabase())
      .catch(() => {})
      .finally(() => {
        server.closeAllConnections();
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
