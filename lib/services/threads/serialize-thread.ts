import { sql } from 'drizzle-orm';
import { db, type Db } from '../../../db/client';
import { dialectSql } from '../../../db/sql';
import { sortStates, type StateCode } from '../../consensus/codes';
import { publicActor } from '../../events/actor';
import type { PublicActor } from '../../events/types';
import type { ThreadRow } from './thread-access';

export interface ThreadView {
  id: number;
  title: string;
  topic: string;
  summary: string;
  states: StateCode[];
  partners: string[];
  visibility: 'open' | 'discreet';
  attribution: 'named' | 'chatham';
  createdBy: PublicActor | null;
  createdAt: string;
  lastActivityAt: string;
  messageCount: number;
  initiativeCount: number;
  isMember: boolean;
  /** Archived rooms are read-only. */
  archivedAt: string | null;
}

interface AuthorRow {
  id: number;
  name: string;
  affiliation: PublicActor['affiliation'];
  state: StateCode | null;
}

export async function participantsById(ids: readonly number[], q: Db = db()): Promise<Map<number, AuthorRow>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await q.all<AuthorRow>(
    sql`SELECT p.id, p.name, p.affiliation, d.state_code AS state FROM participants p
        LEFT JOIN delegations d ON d.participant_id = p.id
        WHERE ${dialectSql.inList(sql`p.id`, unique)}`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Groups `{id, code}` rows into lists per id. */
export function groupCodes<C extends string>(rows: { id: number; code: C }[]): Map<number, C[]> {
  const lists = new Map<number, C[]>();
  for (const r of rows) lists.set(r.id, [...(lists.get(r.id) ?? []), r.code]);
  return lists;
}

/** Rooms as the API and pages show them, with their tags loaded in two queries for the whole page. */
export async function serializeThreads(rows: readonly (ThreadRow & { isMember: boolean | number })[], q: Db = db()): Promise<ThreadView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [states, partners, creators] = await Promise.all([
    q
      .all<{ id: number; code: StateCode }>(
        sql`SELECT thread_id AS id, state_code AS code FROM thread_states WHERE ${dialectSql.inList(sql`thread_id`, ids)}`,
      )
      .then(groupCodes),
    q
      .all<{ id: number; code: string }>(
        sql`SELECT thread_id AS id, partner_code AS code FROM thread_partners WHERE ${dialectSql.inList(sql`thread_id`, ids)} ORDER BY partner_code`,
      )
      .then(groupCodes),
    participantsById(
      rows.map((r) => r.createdBy),
      q,
    ),
  ]);
  return rows.map((r) => {
    const creator = creators.get(r.createdBy);
    return {
      id: r.id,
      title: r.title,
      topic: r.topic,
      summary: r.summary,
      states: sortStates(states.get(r.id) ?? []),
      partners: partners.get(r.id) ?? [],
      visibility: r.visibility,
      attribution: r.attribution,
      createdBy: creator ? publicActor(creator, r.attribution) : null,
      createdAt: r.createdAt,
      lastActivityAt: r.lastActivityAt,
      messageCount: r.messageCount,
      initiativeCount: r.initiativeCount,
      isMember: Boolean(r.isMember),
      archivedAt: r.archivedAt ?? null,
    };
  });
}
