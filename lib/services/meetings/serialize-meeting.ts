import { sql } from 'drizzle-orm';
import { db, type Db } from '../../../db/client';
import { dialectSql } from '../../../db/sql';
import { canReadReadoutDraft } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { threadVisibleSql } from '../../access/visibility';
import { sortStates, type MeetingLevel, type Position, type StateCode, type Status } from '../../consensus/codes';
import { INITIATIVE_COLUMNS } from '../initiatives/initiative-access';
import type { ListedInitiativeRow } from '../initiatives/list-initiatives';
import { serializeInitiatives } from '../initiatives/serialize-initiative';
import type { Attribution } from '../../events/actor';
import type { MeetingRow } from './meeting-access';

/** Where an agenda initiative stands now: its status and each state's stance, live. */
export interface AgendaOutcome {
  status: Status;
  label: string;
  provisional: boolean;
  stances: Partial<Record<StateCode, Position>>;
}

export interface AgendaItemView {
  initiativeId: number | null;
  title: string;
  /** Null for a free item (or an initiative since removed). */
  initiative: AgendaOutcome | null;
}

export interface ReadoutView {
  status: 'draft' | 'released';
  version: number;
  /** The text: always once released; while a draft, only for the chair and the attending states' delegates. */
  body: string | null;
  /** States that approved this version (states, never persons). */
  approvals: StateCode[];
  /** Attending states that have not approved it yet. */
  awaiting: StateCode[];
  updatedAt: string;
  releasedAt: string | null;
}

export interface MeetingView {
  id: number;
  threadId: number | null;
  room: { id: number; title: string; visibility: 'open' | 'discreet'; attribution: Attribution } | null;
  title: string;
  level: MeetingLevel;
  startsAt: string;
  endsAt: string;
  timezone: string;
  place: string | null;
  chairState: StateCode | null;
  states: StateCode[];
  agenda: AgendaItemView[];
  readout: ReadoutView | null;
  createdAt: string;
  updatedAt: string;
}

interface ReadoutRow {
  meetingId: number;
  body: string;
  version: number;
  updatedAt: string;
  releasedAt: string | null;
}

function groupBy<T extends { meetingId: number }>(rows: T[]): Map<number, T[]> {
  const grouped = new Map<number, T[]>();
  for (const row of rows) grouped.set(row.meetingId, [...(grouped.get(row.meetingId) ?? []), row]);
  return grouped;
}

/** Meetings with their states, agenda (and each agenda initiative's outcome) and readout, in a few batch queries. */
export async function serializeMeetings(rows: readonly MeetingRow[], viewer: Viewer, q: Db = db()): Promise<MeetingView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const inMeetings = dialectSql.inList(sql`meeting_id`, ids);
  const [stateRows, agendaRows, readoutRows, approvalRows] = await Promise.all([
    q.all<{ meetingId: number; state: StateCode }>(
      sql`SELECT meeting_id AS "meetingId", state_code AS state FROM meeting_states WHERE ${inMeetings}`,
    ),
    q.all<{ meetingId: number; initiativeId: number | null; title: string }>(
      sql`SELECT meeting_id AS "meetingId", initiative_id AS "initiativeId", title FROM agenda_items WHERE ${inMeetings} ORDER BY meeting_id, position`,
    ),
    q.all<ReadoutRow>(
      sql`SELECT meeting_id AS "meetingId", body, version, updated_at AS "updatedAt", released_at AS "releasedAt" FROM readouts WHERE ${inMeetings}`,
    ),
    q.all<{ meetingId: number; state: StateCode; version: number }>(
      sql`SELECT meeting_id AS "meetingId", state_code AS state, version FROM readout_approvals WHERE ${inMeetings}`,
    ),
  ]);
  const outcomes = await agendaOutcomes(
    agendaRows.flatMap((a) => (a.initiativeId ? [a.initiativeId] : [])),
    viewer,
    q,
  );
  const states = groupBy(stateRows);
  const agenda = groupBy(agendaRows);
  const readouts = new Map(readoutRows.map((r) => [r.meetingId, r]));
  const approvals = groupBy(approvalRows);

  return rows.map((m) => {
    const attending = sortStates((states.get(m.id) ?? []).map((s) => s.state));
    const readout = readouts.get(m.id);
    return {
      id: m.id,
      threadId: m.threadId,
      room: m.threadId !== null ? { id: m.threadId, title: m.threadTitle!, visibility: m.visibility!, attribution: m.attribution! } : null,
      title: m.title,
      level: m.level,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      timezone: m.timezone,
      place: m.place,
      chairState: m.chairState,
      states: attending,
      agenda: (agenda.get(m.id) ?? []).map((item) => ({
        initiativeId: item.initiativeId,
        title: item.title,
        initiative: item.initiativeId ? (outcomes.get(item.initiativeId) ?? null) : null,
      })),
      readout: readout ? readoutView(readout, approvals.get(m.id) ?? [], attending, m, viewer) : null,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
    };
  });
}

function readoutView(
  readout: ReadoutRow,
  approvalRows: { state: StateCode; version: number }[],
  attending: StateCode[],
  meeting: MeetingRow,
  viewer: Viewer | null,
): ReadoutView {
  const approved = new Set(approvalRows.filter((a) => a.version === readout.version).map((a) => a.state));
  const released = readout.releasedAt !== null;
  const readable = released || (viewer !== null && canReadReadoutDraft(viewer, { chairState: meeting.chairState, states: attending }));
  return {
    status: released ? 'released' : 'draft',
    version: readout.version,
    body: readable ? readout.body : null,
    approvals: attending.filter((s) => approved.has(s)),
    awaiting: attending.filter((s) => !approved.has(s)),
    updatedAt: readout.updatedAt,
    releasedAt: readout.releasedAt,
  };
}

/** The live outcome of each agenda initiative the viewer may see (all of them, for anyone who sees the meeting). */
async function agendaOutcomes(ids: number[], viewer: Viewer, q: Db): Promise<Map<number, AgendaOutcome>> {
  if (ids.length === 0) return new Map();
  const rows = await q.all<ListedInitiativeRow>(
    sql`SELECT ${INITIATIVE_COLUMNS}, t.attribution, t.topic FROM initiatives i JOIN threads t ON t.id = i.thread_id
        WHERE ${dialectSql.inList(sql`i.id`, [...new Set(ids)])} AND ${threadVisibleSql(viewer)}`,
  );
  const views = await serializeInitiatives(rows, viewer, q);
  return new Map(
    views.map((v) => [
      v.id,
      {
        status: v.status,
        label: v.label,
        provisional: v.provisional,
        stances: Object.fromEntries(Object.entries(v.stances).map(([state, stance]) => [state, stance!.position])),
      },
    ]),
  );
}
