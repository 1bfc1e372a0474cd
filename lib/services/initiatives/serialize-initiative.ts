import { sql } from 'drizzle-orm';
import { db, type Db } from '../../../db/client';
import { dialectSql } from '../../../db/sql';
import { sortStates, type Position, type StateCode, type Status } from '../../consensus/codes';
import { publicActor, type Attribution } from '../../events/actor';
import type { PublicActor } from '../../events/types';
import { groupCodes, participantsById } from '../threads/serialize-thread';
import type { InitiativeRow } from './initiative-access';

export interface StanceView {
  position: Position;
  note: string | null;
  setAt: string | null;
  /** Joined after formalization and not yet endorsed. */
  acceding: boolean;
}

/** The initiative as PRODUCT.md specifies it, plus a few fields the pages need. */
export interface InitiativeView {
  id: number;
  threadId: number;
  title: string;
  summary: string;
  states: StateCode[];
  partners: string[];
  openToJoin: boolean;
  status: Status;
  format: string;
  minus: StateCode[];
  plus: string[];
  label: string;
  stances: Partial<Record<StateCode, StanceView>>;
  endorsements: number;
  endorsedByMe: boolean;
  topic: string;
  proposedBy: PublicActor | null;
  createdAt: string;
  updatedAt: string;
  formalizedAt: string | null;
}

interface StanceRow {
  initiativeId: number;
  state: StateCode;
  position: Position;
  note: string | null;
  setAt: string | null;
  acceding: number;
}

/** Serializes a page of initiatives with a few batch queries, whatever the page size. */
export async function serializeInitiatives(
  rows: readonly (InitiativeRow & { attribution: Attribution; topic: string })[],
  viewerId: number,
  q: Db = db(),
): Promise<InitiativeView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [stanceRows, partners, mine, proposers] = await Promise.all([
    q.all<StanceRow>(
      sql`SELECT initiative_id AS "initiativeId", state_code AS state, position, note, set_at AS "setAt", acceding
          FROM stances WHERE ${dialectSql.inList(sql`initiative_id`, ids)}`,
    ),
    q
      .all<{ id: number; code: string }>(
        sql`SELECT initiative_id AS id, partner_code AS code FROM initiative_partners
            WHERE ${dialectSql.inList(sql`initiative_id`, ids)} ORDER BY partner_code`,
      )
      .then(groupCodes),
    q
      .all<{ id: number }>(
        sql`SELECT initiative_id AS id FROM endorsements WHERE participant_id = ${viewerId} AND ${dialectSql.inList(sql`initiative_id`, ids)}`,
      )
      .then((found) => new Set(found.map((r) => r.id))),
    participantsById(
      rows.map((r) => r.createdBy),
      q,
    ),
  ]);
  const stances = new Map<number, StanceRow[]>();
  for (const s of stanceRows) stances.set(s.initiativeId, [...(stances.get(s.initiativeId) ?? []), s]);

  return rows.map((r) => {
    const own = stances.get(r.id) ?? [];
    const states = sortStates(own.map((s) => s.state));
    const stanceMap: Partial<Record<StateCode, StanceView>> = {};
    for (const state of states) {
      const s = own.find((x) => x.state === state)!;
      stanceMap[state] = { position: s.position, note: s.note, setAt: s.setAt, acceding: Boolean(s.acceding) };
    }
    const proposer = proposers.get(r.createdBy);
    return {
      id: r.id,
      threadId: r.threadId,
      title: r.title,
      summary: r.summary,
      states,
      partners: partners.get(r.id) ?? [],
      openToJoin: Boolean(r.openToJoin),
      status: r.status,
      format: r.format,
      minus: r.minus ? (r.minus.split(',') as StateCode[]) : [],
      plus: partners.get(r.id) ?? [],
      label: r.label,
      stances: stanceMap,
      endorsements: r.endorsementCount,
      endorsedByMe: mine.has(r.id),
      topic: r.topic,
      proposedBy: proposer ? publicActor(proposer, r.attribution) : null,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      formalizedAt: r.formalizedAt,
    };
  });
}
