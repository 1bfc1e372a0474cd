/**
 * The baseline for the dashboard page: a bare node:http handler that reads the same 50 rows and the
 * same totals from the same SQLite file with better-sqlite3 and renders them as an HTML table.
 */
import http from 'node:http';
import Database from 'better-sqlite3';

const db = new Database(process.argv[2], { readonly: true });
db.pragma('journal_mode = WAL');
const rowsQuery = db.prepare(
  `SELECT i.id, i.title, i.status, i.label, t.topic FROM initiatives i JOIN threads t ON t.id = i.thread_id
   WHERE t.visibility = 'open' ORDER BY i.updated_at DESC, i.id DESC LIMIT 50`,
);
const stancesQuery = db.prepare(
  `SELECT initiative_id AS id, state_code AS state, position FROM stances WHERE initiative_id IN (SELECT value FROM json_each(?))`,
);
const totalsQuery = db.prepare('SELECT bucket, count FROM dashboard_totals');
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const STATES = ['KZ', 'KG', 'TJ', 'TM', 'UZ'];

const server = http.createServer((_req, res) => {
  const rows = rowsQuery.all() as { id: number; title: string; status: string; label: string; topic: string }[];
  const stances = new Map<string, string>();
  for (const s of stancesQuery.all(JSON.stringify(rows.map((r) => r.id))) as { id: number; state: string; position: string }[])
    stances.set(`${s.id}:${s.state}`, s.position);
  const totals = totalsQuery.all() as { bucket: string; count: number }[];
  const html = `<!doctype html><html><head><title>Dashboard</title></head><body><h1>Consensus dashboard</h1><ul>${totals
    .map((t) => `<li>${escape(t.bucket)}: ${t.count}</li>`)
    .join('')}</ul><table><tbody>${rows
    .map(
      (r) =>
        `<tr><th><a href="/initiatives/${r.id}">${escape(r.title)}</a> ${escape(r.topic)}</th><td>${r.status} ${escape(r.label)}</td>${STATES.map((s) => `<td>${stances.get(`${r.id}:${s}`) ?? '—'}</td>`).join('')}</tr>`,
    )
    .join('')}</tbody></table></body></html>`;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
});
server.listen(0, () => console.log(`bare listening on ${(server.address() as { port: number }).port}`));
process.on('SIGTERM', () => process.exit(0));
