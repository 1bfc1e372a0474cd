import { sql } from 'drizzle-orm';
import { db } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import { dialectSql } from '../../../db/sql';
import { now } from '../../clock';
import { NOTIFICATION_TYPES, type EmailMode, type NotificationType } from '../../notifications/types';
import { parseInput } from '../../validation/common';
import { markReadInput, meInput, notificationSettingsInput, notificationsQuery } from '../../validation/notifications';
import { pageOf, type Page } from '../pagination';
import { write } from '../write';
import { localeOr, renderNotifications, type NotificationView } from './render';
import { NOTIFICATION_COLUMNS, type StoredNotification } from './store';

/** One's own notifications, newest first; `unread=1` for the unread ones only. */
export async function listNotifications(viewer: Viewer, rawQuery: unknown, locale: string): Promise<Page<NotificationView>> {
  const q = parseInput(notificationsQuery, rawQuery);
  const rows = await db().all<StoredNotification>(
    sql`SELECT ${NOTIFICATION_COLUMNS} FROM notifications n
        WHERE n.participant_id = ${viewer.id} ${q.unread === '1' ? sql`AND n.read_at IS NULL` : sql``}
          ${q.cursor ? sql`AND n.id < ${Number(q.cursor)}` : sql``}
        ORDER BY n.id DESC LIMIT ${q.limit + 1}`,
  );
  return pageOf(
    rows,
    q.limit,
    (r) => String(r.id),
    (page) => renderNotifications(page, localeOr(locale)),
  );
}

export async function unreadCount(viewer: Viewer): Promise<number> {
  const row = await db().get<{ count: number | string }>(
    sql`SELECT COUNT(*) AS count FROM notifications WHERE participant_id = ${viewer.id} AND read_at IS NULL`,
  );
  return Number(row?.count ?? 0);
}

/** Marks some (one's own; others' ids are ignored) or all as read; answers how many stay unread. */
export async function markRead(viewer: Viewer, rawInput: unknown): Promise<{ unread: number }> {
  const input = parseInput(markReadInput, rawInput);
  const at = now();
  await write(async (tx) => {
    const which = 'all' in input ? sql`` : sql`AND ${dialectSql.inList(sql`id`, input.ids)}`;
    await tx.run(sql`UPDATE notifications SET read_at = ${at} WHERE participant_id = ${viewer.id} AND read_at IS NULL ${which}`);
  });
  return { unread: await unreadCount(viewer) };
}

export interface NotificationSettings {
  email: EmailMode;
  /** Every kind of notification, on or off. */
  types: Record<NotificationType, boolean>;
  locale: string | null;
}

export async function notificationSettings(viewer: Viewer): Promise<NotificationSettings> {
  const [me, muted] = await Promise.all([
    db().get<{ email: EmailMode; locale: string | null }>(
      sql`SELECT email_mode AS email, locale FROM participants WHERE id = ${viewer.id}`,
    ),
    db().all<{ type: NotificationType }>(sql`SELECT type FROM notification_mutes WHERE participant_id = ${viewer.id}`),
  ]);
  const off = new Set(muted.map((m) => m.type));
  return {
    email: me!.email,
    types: Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, !off.has(type)])) as Record<NotificationType, boolean>,
    locale: me!.locale,
  };
}

/** `PUT /api/v1/me/notifications`: the email mode and which kinds come at all. */
export async function updateNotificationSettings(viewer: Viewer, rawInput: unknown): Promise<NotificationSettings> {
  const input = parseInput(notificationSettingsInput, rawInput);
  await write(async (tx) => {
    if (input.email) await tx.run(sql`UPDATE participants SET email_mode = ${input.email} WHERE id = ${viewer.id}`);
    for (const [type, on] of Object.entries(input.types ?? {})) {
      if (on) await tx.run(sql`DELETE FROM notification_mutes WHERE participant_id = ${viewer.id} AND type = ${type}`);
      else await tx.run(sql`INSERT INTO notification_mutes (participant_id, type) VALUES (${viewer.id}, ${type}) ON CONFLICT DO NOTHING`);
    }
  });
  return notificationSettings(viewer);
}

/** `PATCH /api/v1/me {locale}`: the language of one's emails and notifications (the switcher sets it too). */
export async function setOwnLocale(viewer: Viewer, rawInput: unknown): Promise<{ locale: string }> {
  const { locale } = parseInput(meInput, rawInput);
  await write((tx) => tx.run(sql`UPDATE participants SET locale = ${locale} WHERE id = ${viewer.id}`));
  return { locale };
}
