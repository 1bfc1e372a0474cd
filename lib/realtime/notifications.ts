import { sql } from 'drizzle-orm';
import { db } from '../../db/client';
import { dialectSql } from '../../db/sql';
import { localeOr, renderNotifications } from '../services/notifications/render';
import type { StoredNotification } from '../services/notifications/store';
import type { Io } from './context';
import { emitEverywhere } from './relay';
import { rooms } from './rooms';

/**
 * Sends committed notifications to their readers' sockets on every process, each in its reader's
 * language. Best effort: a reader who was away finds them in the list and the bell's count.
 */
export async function deliverNotifications(io: Io, notifications: StoredNotification[]): Promise<void> {
  const readers = [...new Set(notifications.map((n) => n.participantId))];
  const locales = new Map(
    (
      await db().all<{ id: number; locale: string | null }>(
        sql`SELECT id, locale FROM participants WHERE ${dialectSql.inList(sql`id`, readers)}`,
      )
    ).map((r) => [r.id, localeOr(r.locale)]),
  );
  for (const n of notifications) {
    const [view] = await renderNotifications([n], locales.get(n.participantId) ?? 'en');
    emitEverywhere(io, rooms.participant(n.participantId), 'notification', view);
  }
}
