import crypto from 'node:crypto';
import type { TestServer } from './server';

const TABLES = [
  'participants',
  'delegations',
  'invites',
  'api_tokens',
  'threads',
  'thread_states',
  'thread_partners',
  'memberships',
  'messages',
  'initiatives',
  'stances',
  'initiative_partners',
  'endorsements',
  'events',
  'operations',
];

/** A checksum of every table's rows: equal before and after means nothing at all was written. */
export function databaseChecksum(server: TestServer): Record<string, string> {
  return Object.fromEntries(
    TABLES.map((table) => {
      const rows = server.query(`SELECT * FROM ${table} ORDER BY rowid`);
      return [table, `${rows.length}:${crypto.createHash('sha1').update(JSON.stringify(rows)).digest('hex').slice(0, 12)}`];
    }),
  );
}
