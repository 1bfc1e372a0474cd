import { sql } from 'drizzle-orm';
import { db } from '../../../db/client';
import { dialectSql } from '../../../db/sql';
import { publicOrigin } from '../../http/public-origin';
import { NOTIFICATION_COLUMNS, type StoredNotification } from './store';
import { localeOr, renderNotifications, translator } from './render';
import { unsubscribeUrl } from './unsubscribe';

export interface OutboxRow {
  id: number;
  participantId: number;
  kind: 'immediate' | 'digest';
  notificationIds: string;
  createdAt: string;
}

export interface Email {
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
}

/**
 * Writes an outbox entry as an email, when it is sent, in the reader's language of that moment.
 * What a reader can no longer see is left out; a discreet room's news says only that there is news
 * and where (its title would tell who sits there and about what); nothing names a person, so no
 * Chatham room's speaker can appear. Null: nothing left to send (unsubscribed, or nothing visible).
 */
export async function composeEmail(row: OutboxRow): Promise<Email | null> {
  const reader = await db().get<{
    email: string;
    locale: string | null;
    mode: string;
    role: string;
    affiliation: string;
    disabledAt: string | null;
  }>(
    sql`SELECT email, locale, email_mode AS mode, role, affiliation, disabled_at AS "disabledAt" FROM participants WHERE id = ${row.participantId}`,
  );
  if (!reader || reader.mode === 'off' || reader.disabledAt) return null;
  const ids = JSON.parse(row.notificationIds) as number[];
  const items = await db().all<StoredNotification & { discreet: boolean | number }>(
    sql`SELECT ${NOTIFICATION_COLUMNS}, (t.visibility = 'discreet') AS discreet
        FROM notifications n LEFT JOIN threads t ON t.id = n.thread_id
        WHERE ${dialectSql.inList(sql`n.id`, ids)} AND n.participant_id = ${row.participantId}
          AND (t.id IS NULL OR t.visibility = 'open' OR (
            EXISTS (SELECT 1 FROM memberships m WHERE m.thread_id = t.id AND m.participant_id = ${row.participantId})
            AND ${sql.raw(reader.role === 'facilitator' || reader.affiliation !== 'observer' ? '1 = 1' : '1 = 0')}))
        ORDER BY n.id`,
  );
  if (items.length === 0) return null;
  const locale = localeOr(reader.locale);
  const t = translator(locale, 'Email');
  const views = await renderNotifications(items, locale);
  const origin = publicOrigin();
  const lines = views.map((view, i) => (items[i].discreet ? t('discreetNews') : view.title) + `\n  ${origin}${view.url}`);
  const unsubscribe = unsubscribeUrl(row.participantId);
  const subject =
    row.kind === 'digest' ? t('digestSubject', { count: items.length }) : items[0].discreet ? t('discreetNews') : views[0].title;
  const text = [
    t('greeting'),
    '',
    row.kind === 'digest' ? t('digestIntro', { count: items.length }) : t('immediateIntro'),
    '',
    ...lines.map((line) => `- ${line}`),
    '',
    '-- ',
    t('why', { mode: row.kind }),
    t('settings', { url: `${origin}/profile#notifications` }),
    t('unsubscribe', { url: unsubscribeUrl(row.participantId, 'page') }),
  ].join('\n');
  return {
    to: reader.email,
    subject: `Chaikhana: ${subject}`,
    text,
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
