import { sql, type SQL } from 'drizzle-orm';
import { db } from '../../../db/client';
import { dialectSql } from '../../../db/sql';
import { canReadAudit } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { forbidden } from '../../errors';
import type { EventType } from '../../events/types';
import { eventVisibleSql } from '../../events/visibility';
import { parseInput } from '../../validation/common';
import { auditQuery } from '../../validation/moderation';
import { pageOf, whereAll, type Page } from '../pagination';

/**
 * What the audit leaves out: a facilitator's own words and support (a message, its edit or
 * retraction, an endorsement — a participant's acts, protected in Chatham House rooms like anyone's)
 * and the consequences the system derives (status changes).
 */
export const NOT_AUDITED: readonly EventType[] = [
  'message.created',
  'message.edited',
  'message.retracted',
  'endorsement.added',
  'endorsement.removed',
  'status.changed',
];

export interface AuditEntry {
  id: number;
  type: EventType;
  createdAt: string;
  facilitator: { id: number; name: string };
  threadId: number | null;
  threadTitle: string | null;
  initiativeId: number | null;
  /** For a hidden message: the reason given (facilitators read it). */
  reason: string | null;
  payload: Record<string, unknown>;
}

/**
 * Every facilitator action in the event log, newest first, filterable by facilitator, action
 * (event type) and days (UTC, inclusive); only what this facilitator may see (a discreet room's
 * actions to those who sit in it, as everywhere).
 */
export async function listAudit(viewer: Viewer, rawQuery: unknown): Promise<Page<AuditEntry>> {
  if (!canReadAudit(viewer)) throw forbidden('onlyFacilitatorsAudit');
  const query = parseInput(auditQuery, rawQuery);
  const conditions: SQL[] = [
    sql`p.role = 'facilitator'`,
    sql`NOT ${dialectSql.inList(sql`e.type`, [...NOT_AUDITED])}`,
    eventVisibleSql(viewer),
  ];
  if (query.facilitator) conditions.push(sql`e.actor_id = ${query.facilitator}`);
  if (query.type) conditions.push(sql`e.type = ${query.type}`);
  if (query.from) conditions.push(sql`e.created_at >= ${`${query.from}T00:00:00.000Z`}`);
  if (query.to) conditions.push(sql`e.created_at <= ${`${query.to}T23:59:59.999Z`}`);
  if (query.cursor) conditions.push(sql`e.id < ${Number(query.cursor)}`);
  const rows = await db().all<{
    id: number;
    type: EventType;
    createdAt: string;
    actorId: number;
    actorName: string;
    threadId: number | null;
    threadTitle: string | null;
    initiativeId: number | null;
    payload: string;
    reason: string | null;
  }>(
    sql`SELECT e.id, e.type, e.created_at AS "createdAt", e.actor_id AS "actorId", p.name AS "actorName", e.thread_id AS "threadId",
               t.title AS "threadTitle", e.initiative_id AS "initiativeId", e.payload,
               CASE WHEN e.type = 'message.hidden' THEN m.hidden_reason END AS reason
        FROM events e JOIN participants p ON p.id = e.actor_id
        LEFT JOIN threads t ON t.id = e.thread_id
        LEFT JOIN messages m ON e.type = 'message.hidden' AND m.id = ${dialectSql.jsonInt(sql`e.payload`, ['message', 'id'])}
        WHERE ${whereAll(conditions)} ORDER BY e.id DESC LIMIT ${query.limit + 1}`,
  );
  return pageOf(
    rows,
    query.limit,
    (r) => String(r.id),
    (page) =>
      page.map((r) => ({
        id: r.id,
        type: r.type,
        createdAt: r.createdAt,
        facilitator: { id: r.actorId, name: r.actorName },
        threadId: r.threadId,
        threadTitle: r.threadTitle,
        initiativeId: r.initiativeId,
        reason: r.reason,
        payload: JSON.parse(r.payload) as Record<string, unknown>,
      })),
  );
}

/** The facilitators, for the audit's filter. */
export async function listFacilitators(viewer: Viewer): Promise<{ id: number; name: string }[]> {
  if (!canReadAudit(viewer)) throw forbidden('onlyFacilitatorsAudit');
  return db().all(sql`SELECT id, name FROM participants WHERE role = 'facilitator' ORDER BY name, id`);
}
