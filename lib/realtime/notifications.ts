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
  // One rendering per language, then one emit per reader.
  const byLocale = new Map<string, StoredNotification[]>();
  for (const n of notifications) {
    const locale = locales.get(n.participantId) ?? 'en';
    byLocale.set(locale, [...(byLocale.get(locale) ?? []), n]);
  }
  for (const [locale, rows] of byLocale) {
    const views = await renderNotifications(rows, localeOr(locale));
    rows.forEach((n, i) => emitEverywhere(io, rooms.participant(n.participantId), 'notification', views[i]));
  }
}
