import { sql } from 'drizzle-orm';
import { db, type Db } from '../../../db/client';
import { dialectSql } from '../../../db/sql';
import { sortStates, type ImplementationStatus, type Position, type StateCode, type Status } from '../../consensus/codes';
import { implementationSummary, implementingStates, todayOf } from '../../consensus/implementation';
import { now } from '../../clock';
import { publicActor, type Attribution } from '../../events/actor';
import type { PublicActor } from '../../events/types';
import { groupCodes, participantsById } from '../threads/serialize-thread';
import type { InitiativeRow } from './initiative-access';
import { canReadChairNote } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { evaluateConsensus } from '../../consensus/consensus';

export interface StanceView {
  position: Position;
  note: string | null;
  setAt: string | null;
  /** Joined after formalization and not yet endorsed. */
  acceding: boolean;
  /** A reservation's condition ("would endorse if …"). */
  condition: string | null;
  /** Endorsed pending the capital's confirmation, by `confirmBy`. */
  adReferendum: boolean;
  confirmBy: string | null;
  /** The text's version the stance was set on. */
  version: number;
  /** Only for facilitators and the state's own delegates; absent for everyone else. */
  chairNote?: string | null;
}

/** A state's implementation of a formalized initiative, as its delegate reported it (`setAt` null: never reported). */
export interface ImplementationView {
  status: ImplementationStatus;
  note: string | null;
  setAt: string | null;
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
  /** Consensus ad referendum: it rests on an endorsement its capital has not confirmed yet. */
  provisional: boolean;
  /** The current text's version (1 is the proposal). */
  version: number;
  /** A running silence procedure. */
  silence: { startedAt: string; deadline: string } | null;
  stances: Partial<Record<StateCode, StanceView>>;
  endorsements: number;
  endorsedByMe: boolean;
  topic: string;
  proposedBy: PublicActor | null;
  createdAt: string;
  updatedAt: string;
  formalizedAt: string | null;
  /**
   * Each implementing state's implementation (the states in A) once formalized, `not_started` until
   * reported; `{}` before formalization.
   */
  implementation: Partial<Record<StateCode, ImplementationView>>;
  /** The implementation as a whole (null before formalization). */
  implementationStatus: ImplementationStatus | null;
  /** When a facilitator reviews the implementation (YYYY-MM-DD), and whether that day has passed with a state not done. */
  reviewAt: string | null;
  reviewOverdue: boolean;
}

interface StanceRow {
  initiativeId: number;
  state: StateCode;
  position: Position;
  note: string | null;
  setAt: string | null;
  acceding: number;
  condition: string | null;
  adReferendum: number;
  confirmBy: string | null;
  version: number;
  chairNote: string | null;
}

/** Serializes a page of initiatives with a few batch queries, whatever the page size. */
export async function serializeInitiatives(
  rows: readonly (InitiativeRow & { attribution: Attribution; topic: string })[],
  viewer: Viewer,
  q: Db = db(),
): Promise<InitiativeView[]> {
  if (rows.length === 0) return [];
  const viewerId = viewer.id;
  const ids = rows.map((r) => r.id);
  const formalizedIds = rows.filter((r) => r.formalizedAt !== null).map((r) => r.id);
  const [stanceRows, partners, mine, proposers, implementationRows] = await Promise.all([
    q.all<StanceRow>(
      sql`SELECT initiative_id AS "initiativeId", state_code AS state, position, note, set_at AS "setAt", acceding, condition,
            ad_referendum AS "adReferendum", confirm_by AS "confirmBy", version, chair_note AS "chairNote"
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
    formalizedIds.length
      ? q.all<ImplementationView & { initiativeId: number; state: StateCode }>(
          sql`SELECT initiative_id AS "initiativeId", state_code AS state, status, note, set_at AS "setAt"
              FROM implementations WHERE ${dialectSql.inList(sql`initiative_id`, formalizedIds)}`,
        )
      : Promise.resolve([]),
  ]);
  const implemented = new Map(implementationRows.map((m) => [`${m.initiativeId}:${m.state}`, m]));
  const today = todayOf(now());
  const stances = new Map<number, StanceRow[]>();
  for (const s of stanceRows) stances.set(s.initiativeId, [...(stances.get(s.initiativeId) ?? []), s]);

  return rows.map((r) => {
    const own = stances.get(r.id) ?? [];
    const states = sortStates(own.map((s) => s.state));
    const stanceMap: Partial<Record<StateCode, StanceView>> = {};
    for (const state of states) {
      const s = own.find((x) => x.state === state)!;
      stanceMap[state] = {
        position: s.position,
        note: s.note,
        setAt: s.setAt,
        acceding: Boolean(s.acceding),
        condition: s.condition,
        adReferendum: Boolean(s.adReferendum),
        confirmBy: s.confirmBy,
        version: s.version,
        ...(canReadChairNote(viewer, state) ? { chairNote: s.chairNote } : {}),
      };
    }
    const consensus = evaluateConsensus({
      stances: own.map((x) => ({
        state: x.state,
        position: x.position,
        acceding: Boolean(x.acceding),
        adReferendum: Boolean(x.adReferendum),
      })),
      partners: partners.get(r.id) ?? [],
      formalized: r.formalizedAt !== null,
    });
    const proposer = proposers.get(r.createdBy);
    const implementation: Partial<Record<StateCode, ImplementationView>> = {};
    if (r.formalizedAt !== null) {
      const implementing = implementingStates(states.map((state) => ({ state, ...stanceMap[state]! })));
      for (const state of implementing) {
        const m = implemented.get(`${r.id}:${state}`);
        implementation[state] = m ? { status: m.status, note: m.note, setAt: m.setAt } : { status: 'not_started', note: null, setAt: null };
      }
    }
    const summary =
      r.formalizedAt !== null
        ? implementationSummary(
            Object.values(implementation).map((m) => m.status),
            r.reviewAt,
            today,
          )
        : null;
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
      provisional: consensus.provisional,
      version: r.version,
      silence: r.silenceDeadline ? { startedAt: r.silenceStartedAt!, deadline: r.silenceDeadline } : null,
      stances: stanceMap,
      endorsements: r.endorsementCount,
      endorsedByMe: mine.has(r.id),
      topic: r.topic,
      proposedBy: proposer ? publicActor(proposer, r.attribution) : null,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      formalizedAt: r.formalizedAt,
      implementation,
      implementationStatus: summary?.status ?? null,
      reviewAt: r.reviewAt,
      reviewOverdue: summary?.overdue ?? false,
    };
  });
}
