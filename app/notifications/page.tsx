import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { ActionButton } from '@/components/action-button';
import { ClientMessages } from '@/components/client-messages';
import { requireViewer } from '@/lib/auth/current';
import { loadOrError } from '@/lib/http/page-data';
import { ACTION_TYPES } from '@/lib/notifications/types';
import { listNotifications, unreadCount } from '@/lib/services/notifications/inbox';
import type { NotificationView } from '@/lib/services/notifications/render';
import { markAllReadAction, markReadAction } from './actions';
import { LiveNotifications } from './live-notifications';
import { NotificationLink } from './notification-link';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Notifications'))('pageTitle') };
}

type Params = Record<string, string | string[] | undefined>;

/**
 * One screen for a delegate back from a day away: first what needs them or their state, then what
 * changed — newest first, unread marked; opening one marks it read.
 */
export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const viewer = await requireViewer();
  const t = await getTranslations('Notifications');
  const format = await getFormatter();
  const locale = await getLocale();
  const cursor = typeof (await searchParams).cursor === 'string' ? ((await searchParams).cursor as string) : undefined;
  const [{ data: page }, unread] = await Promise.all([
    loadOrError(() => listNotifications(viewer, { limit: '50', ...(cursor ? { cursor } : {}) }, locale), { items: [], next: null }),
    unreadCount(viewer),
  ]);
  const needs = page.items.filter((n) => ACTION_TYPES.has(n.type));
  const news = page.items.filter((n) => !ACTION_TYPES.has(n.type));
  const item = (n: NotificationView) => (
    <li key={n.id} className={`notification card${n.readAt ? '' : ' unread'}`} data-testid="notification">
      <NotificationLink id={n.id} href={n.url} unread={!n.readAt}>
        {n.title}
      </NotificationLink>
      <div className="spread small muted">
        <span>
          <time dateTime={n.createdAt}>{format.dateTime(new Date(n.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}</time>
          {' · '}
          {n.readAt ? t('read') : <strong className="unread-mark">{t('unread')}</strong>}
        </span>
        {n.readAt ? null : (
          <ActionButton action={markReadAction.bind(null, n.id)} variant="secondary" testId={`mark-read-${n.id}`}>
            {t('markRead')}
          </ActionButton>
        )}
      </div>
    </li>
  );
  return (
    <div className="stack">
      <h1>{t('pageTitle')}</h1>
      <ClientMessages namespaces={['Notifications']}>
        <LiveNotifications />
        <div className="spread">
          <p className="muted" data-testid="unread-count">
            {t('unreadCount', { count: unread })}
          </p>
          {unread > 0 ? (
            <ActionButton action={markAllReadAction} variant="secondary" testId="mark-all-read">
              {t('markAllRead')}
            </ActionButton>
          ) : null}
        </div>
        {page.items.length === 0 && !cursor ? <p className="empty">{t('empty')}</p> : null}
        <section className="stack" aria-labelledby="needs-heading">
          <h2 id="needs-heading">{t('needsYou')}</h2>
          {needs.length ? <ul className="list-plain stack">{needs.map(item)}</ul> : <p className="empty">{t('nothingNeeded')}</p>}
        </section>
        <section className="stack" aria-labelledby="news-heading">
          <h2 id="news-heading">{t('news')}</h2>
          {news.length ? <ul className="list-plain stack">{news.map(item)}</ul> : <p className="empty">{t('noNews')}</p>}
        </section>
      </ClientMessages>
      {page.next ? <Link href={`/notifications?cursor=${page.next}`}>{t('older')}</Link> : null}
      <p>
        <Link href="/profile#notifications">{t('settingsLink')}</Link>
      </p>
    </div>
  );
}
