import { sql } from 'drizzle-orm';
import { db } from '../../db/client';
import { dialect } from '../../db/dialect';
import { dialectSql } from '../../db/sql';
import { localeOr, renderNotifications } from '../services/notifications/render';
import type { StoredNotification } from '../services/notifications/store';
import type { Io } from './context';
import { rooms } from './rooms';

const SHARED = 'notifications';

/**
 * Committed notifications to their readers' sockets on every process. Each process renders only
 * for the readers connected to it, in their language, for all of a moment's commits at once: a
 * write pays nothing for readers who are away (they find it in the list and the bell's count).
 */
export function notificationDelivery(io: Io): (notifications: StoredNotification[]) => void {
  let queued: StoredNotification[] = [];
  const deliverQueued = () => {
    const batch = queued;
    queued = [];
    void deliverLocally(io, batch).catch(() => {});
  };
  const enqueue = (notifications: StoredNotification[]) => {
    if (queued.length === 0) setImmediate(deliverQueued);
    queued.push(...notifications);
  };
  if (dialect() === 'postgres') io.on(SHARED as never, enqueue);
  return (notifications) => {
    enqueue(notifications);
    if (dialect() === 'postgres') io.serverSideEmit(SHARED, notifications);
  };
}

async function deliverLocally(io: Io, notifications: StoredNotification[]): Promise<void> {
  const connected = io.sockets.adapter.rooms;
  const online = notifications.filter((n) => connected.has(rooms.participant(n.participantId)));
  if (online.length === 0) return;
  const readers = [...new Set(online.map((n) => n.participantId))];
  const locales = new Map(
    (
      await db().all<{ id: number; locale: string | null }>(
        sql`SELECT id, locale FROM participants WHERE ${dialectSql.inList(sql`id`, readers)}`,
      )
    ).map((r) => [r.id, localeOr(r.locale)]),
  );
  // One rendering per language, then one emit per notification.
  const byLocale = new Map<string, StoredNotification[]>();
  for (const n of online) {
    const locale = locales.get(n.participantId) ?? 'en';
    byLocale.set(locale, [...(byLocale.get(locale) ?? []), n]);
  }
  for (const [locale, rows] of byLocale) {
    const views = await renderNotifications(rows, localeOr(locale));
    rows.forEach((n, i) => io.local.to(rooms.participant(n.participantId)).emit('notification', views[i]));
  }
}
