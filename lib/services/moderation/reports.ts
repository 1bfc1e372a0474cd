import { sql, type SQL } from 'drizzle-orm';
import { db } from '../../../db/client';
import { canModerate } from '../../access/rules';
import { threadVisibleSql } from '../../access/visibility';
import type { Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { conflict, forbidden, notFound } from '../../errors';
import { appendEvent } from '../../events/append';
import { publicActor, type Attribution } from '../../events/actor';
import type { PublicActor } from '../../events/types';
import { parseInput } from '../../validation/common';
import { listReportsQuery, reportMessageInput, resolveReportInput } from '../../validation/moderation';
import { pageOf, whereAll, type Page } from '../pagination';
import { messageView, type MessageRow, type MessageView } from '../threads/messages';
import { participantsById } from '../threads/serialize-thread';
import { visibleThread } from '../threads/thread-access';
import { write } from '../write';
import { visibleMessage } from './message-changes';

export interface ReportView {
  id: number;
  messageId: number;
  threadId: number;
  threadTitle: string;
  reason: string;
  createdAt: string;
  /** Shown as the room allows: in a Chatham House room, affiliation and state only. */
  reporter: PublicActor;
  message: MessageView;
  resolution: 'resolved' | 'dismissed' | null;
  resolvedAt: string | null;
}

/**
 * Anyone who can read a message reports it to the facilitators, once. A message one may not read
 * is answered 404, exactly like one that does not exist. The report is an event outside the room:
 * read by facilitators and by its reporter only, never by the room.
 */
export async function reportMessage(viewer: Viewer, messageId: number, rawInput: unknown): Promise<{ id: number; createdAt: string }> {
  const { message } = await visibleMessage(viewer, messageId);
  const { reason } = parseInput(reportMessageInput, rawInput);
  if (message.retractedAt || (message.hiddenAt && !canModerate(viewer))) throw conflict('messageWasRemoved');
  return write(async (tx) => {
    const at = now();
    const inserted = await tx.get<{ id: number }>(
      sql`INSERT INTO message_reports (message_id, thread_id, reporter_id, reason, created_at)
          VALUES (${messageId}, ${message.threadId}, ${viewer.id}, ${reason}, ${at})
          ON CONFLICT (message_id, reporter_id) DO NOTHING RETURNING id`,
    );
    if (!inserted) throw conflict('alreadyReported');
    appendEvent(tx, {
      type: 'message.reported',
      threadId: null,
      subjectId: viewer.id,
      actor: null,
      attribution: 'chatham',
      payload: { reportId: inserted.id, messageId, threadId: message.threadId },
    });
    return { id: inserted.id, createdAt: at };
  });
}

interface ReportRow extends MessageRow {
  reportId: number;
  reason: string;
  reportedAt: string;
  reporterId: number;
  resolution: 'resolved' | 'dismissed' | null;
  resolvedAt: string | null;
  threadTitle: string;
  attribution: Attribution;
}

/** The facilitators' queue: open reports by default, newest first. */
export async function listReports(viewer: Viewer, rawQuery: unknown): Promise<Page<ReportView>> {
  if (!canModerate(viewer)) throw forbidden('onlyFacilitatorsReports');
  const query = parseInput(listReportsQuery, rawQuery);
  // A discreet room's reports reach the facilitators who sit in it (the one room rule).
  const conditions: SQL[] = [threadVisibleSql(viewer)];
  if (query.status === 'open') conditions.push(sql`r.resolution IS NULL`);
  else if (query.status !== 'all') conditions.push(sql`r.resolution = ${query.status}`);
  if (query.cursor) conditions.push(sql`r.id < ${Number(query.cursor)}`);
  const rows = await db().all<ReportRow>(
    sql`SELECT r.id AS "reportId", r.reason, r.created_at AS "reportedAt", r.reporter_id AS "reporterId", r.resolution,
               r.resolved_at AS "resolvedAt", t.title AS "threadTitle", t.attribution,
               m.id, m.thread_id AS "threadId", m.author_id AS "authorId", m.body, m.created_at AS "createdAt",
               m.edited_at AS "editedAt", m.retracted_at AS "retractedAt", m.hidden_at AS "hiddenAt", m.hidden_reason AS "hiddenReason"
        FROM message_reports r JOIN messages m ON m.id = r.message_id JOIN threads t ON t.id = r.thread_id
        WHERE ${whereAll(conditions)} ORDER BY r.id DESC LIMIT ${query.limit + 1}`,
  );
  return pageOf(
    rows,
    query.limit,
    (r) => String(r.reportId),
    async (page) => {
      const people = await participantsById(page.flatMap((r) => [r.authorId, r.reporterId]));
      return page.map((r) => ({
        id: r.reportId,
        messageId: r.id,
        threadId: r.threadId,
        threadTitle: r.threadTitle,
        reason: r.reason,
        createdAt: r.reportedAt,
        reporter: publicActor(people.get(r.reporterId)!, r.attribution),
        message: messageView(viewer, r, people.get(r.authorId)!, r.attribution),
        resolution: r.resolution,
        resolvedAt: r.resolvedAt,
      }));
    },
  );
}

/** A facilitator closes a report: `resolved` (acted on) or `dismissed`. */
export async function resolveReport(
  viewer: Viewer,
  reportId: number,
  rawInput: unknown,
): Promise<{ id: number; resolution: 'resolved' | 'dismissed'; resolvedAt: string }> {
  if (!canModerate(viewer)) throw forbidden('onlyFacilitatorsResolve');
  const { resolution } = parseInput(resolveReportInput, rawInput);
  return write(async (tx) => {
    const report = await tx.get<{ reporterId: number; threadId: number; messageId: number; resolution: string | null }>(
      sql`SELECT reporter_id AS "reporterId", thread_id AS "threadId", message_id AS "messageId", resolution FROM message_reports WHERE id = ${reportId}`,
    );
    if (!report) throw notFound('reportNotFound');
    try {
      await visibleThread(viewer, report.threadId, tx);
    } catch {
      throw notFound('reportNotFound');
    }
    if (report.resolution) throw conflict('reportClosed');
    const at = now();
    await tx.run(
      sql`UPDATE message_reports SET resolution = ${resolution}, resolved_by = ${viewer.id}, resolved_at = ${at} WHERE id = ${reportId}`,
    );
    appendEvent(tx, {
      type: 'report.resolved',
      threadId: null,
      subjectId: report.reporterId,
      actor: viewer,
      attribution: 'named',
      payload: { reportId, messageId: report.messageId, threadId: report.threadId, resolution },
    });
    return { id: reportId, resolution, resolvedAt: at };
  });
}
