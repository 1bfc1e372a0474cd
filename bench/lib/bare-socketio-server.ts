/**
 * The baseline: a bare socket.io server, no authentication, no database, broadcasting what it is
 * POSTed to every connected socket. Same settings as ours (no perMessageDeflate, websocket only).
 */
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from 'socket.io';

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
const server = http.createServer((req, res) => {
  if (req.url?.startsWith('/__metrics')) {
    const collect = (globalThis as { gc?: () => void }).gc;
    if (req.url.includes('gc') && collect) collect();
    const memory = process.memoryUsage();
    res.end(
      JSON.stringify({
        rss: memory.rss,
        heapUsed: memory.heapUsed,
        eventLoopDelayMs: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
      }),
    );
    if (req.url.includes('reset')) delay.reset();
    return;
  }
  if (req.method === 'POST' && req.url === '/emit') {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      io.emit('event', JSON.parse(Buffer.concat(chunks).toString()));
      res.end('{"ok":true}');
    });
    return;
  }
  res.writeHead(404).end();
});
const io = new Server(server, { perMessageDeflate: false, httpCompression: false, serveClient: false });
io.engine.on('connection', (raw: { request: unknown }) => (raw.request = null));
server.listen(0, () => console.log(`bare listening on ${(server.address() as { port: number }).port}`));
process.on('SIGTERM', () => process.exit(0));
