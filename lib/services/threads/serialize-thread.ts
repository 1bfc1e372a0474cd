import { prepared } from '../../../db/client';
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
}

interface AuthorRow {
  id: number;
  name: string;
  affiliation: PublicActor['affiliation'];
  state: StateCode | null;
}

export function participantsById(ids: readonly number[]): Map<number, AuthorRow> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = prepared(
    `SELECT p.id, p.name, p.affiliation, d.state_code AS state FROM participants p
     LEFT JOIN delegations d ON d.participant_id = p.id
     WHERE p.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(unique)) as AuthorRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Rooms as the API and pages show them, with their tags loaded in two queries for the whole page. */
export function serializeThreads(rows: readonly (ThreadRow & { isMember: boolean | number })[]): ThreadView[] {
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const states = new Map<number, StateCode[]>();
  for (const r of prepared(
    'SELECT thread_id AS threadId, state_code AS code FROM thread_states WHERE thread_id IN (SELECT value FROM json_each(?))',
  ).all(ids) as { threadId: number; code: StateCode }[]) {
    states.set(r.threadId, [...(states.get(r.threadId) ?? []), r.code]);
  }
  const partners = new Map<number, string[]>();
  for (const r of prepared(
    'SELECT thread_id AS threadId, partner_code AS code FROM thread_partners WHERE thread_id IN (SELECT value FROM json_each(?)) ORDER BY partner_code',
  ).all(ids) as { threadId: number; code: string }[]) {
    partners.set(r.threadId, [...(partners.get(r.threadId) ?? []), r.code]);
  }
  const creators = participantsById(rows.map((r) => r.createdBy));
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
    };
  });
}
