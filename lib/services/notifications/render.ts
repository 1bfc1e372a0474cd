import { isLocale, type Locale } from '@/i18n/locales';
import { translator } from '../../i18n/translator';
import { referenceNames } from '../../reference/names';
import type { NotificationType } from '../../notifications/types';
import type { StoredNotification } from './store';

/** A notification as its reader gets it (PRODUCT.md): the title in the reader's language. */
export interface NotificationView {
  id: number;
  type: NotificationType;
  title: string;
  url: string;
  createdAt: string;
  readAt: string | null;
  threadId?: number;
  initiativeId?: number;
  meetingId?: number;
}

export const localeOr = (value: string | null | undefined): Locale => (isLocale(value) ? value : 'en');

export { translator };

/** States' names per locale, read at most once a minute (a write's notifications go out on every commit). */
const STATE_NAMES_TTL_MS = 60_000;
const stateNames = new Map<Locale, { at: number; names: Promise<Record<string, string>> }>();
function statesIn(locale: Locale): Promise<Record<string, string>> {
  const cached = stateNames.get(locale);
  if (cached && Date.now() - cached.at < STATE_NAMES_TTL_MS) return cached.names;
  const names = referenceNames(locale).then((r) => r.states);
  names.catch(() => stateNames.delete(locale));
  stateNames.set(locale, { at: Date.now(), names });
  return names;
}

export function notificationUrl(n: Pick<StoredNotification, 'initiativeId' | 'meetingId' | 'threadId'>): string {
  if (n.meetingId !== null) return `/meetings/${n.meetingId}`;
  if (n.initiativeId !== null) return `/initiatives/${n.initiativeId}`;
  return n.threadId !== null ? `/rooms/${n.threadId}` : '/notifications';
}

/** Writes each title in the reader's language, with the states' names in it. */
export async function renderNotifications(rows: StoredNotification[], locale: Locale): Promise<NotificationView[]> {
  if (rows.length === 0) return [];
  const t = translator(locale, 'Notifications');
  const states = await statesIn(locale);
  return rows.map((n) => {
    const p = JSON.parse(n.params) as Record<string, string>;
    const values = {
      title: p.title ?? '',
      state: p.state ? (states[p.state] ?? p.state) : '',
      label: p.label ?? '',
      deadline: p.deadline ? new Date(p.deadline) : new Date(0),
      startsAt: p.startsAt ? new Date(p.startsAt) : new Date(0),
      confirmBy: p.confirmBy ? new Date(p.confirmBy) : new Date(0),
    };
    return {
      id: n.id,
      type: n.type,
      title: t(`title.${n.type}`, values),
      url: notificationUrl(n),
      createdAt: n.createdAt,
      readAt: n.readAt,
      ...(n.threadId !== null ? { threadId: n.threadId } : {}),
      ...(n.initiativeId !== null ? { initiativeId: n.initiativeId } : {}),
      ...(n.meetingId !== null ? { meetingId: n.meetingId } : {}),
    };
  });
}
