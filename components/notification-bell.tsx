'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { announce } from './live/announcer';
import { liveClient } from './live/live-client';

/**
 * The header's bell: how many notifications are unread, counted up live as new ones arrive (each
 * also said in words through the page's live region). The count is the server's on every page load.
 */
export function NotificationBell({ unread }: { unread: number }) {
  const t = useTranslations('Layout');
  const tn = useTranslations('Notifications');
  const pathname = usePathname();
  // New ones counted on top of the server's count, until the server's count moves (a refresh).
  const [arrived, setArrived] = useState({ base: unread, extra: 0 });
  if (arrived.base !== unread) setArrived({ base: unread, extra: 0 });
  const count = unread + (arrived.base === unread ? arrived.extra : 0);
  useEffect(
    () =>
      liveClient().onNotification((notification) => {
        setArrived((a) => ({ ...a, extra: a.extra + 1 }));
        announce(tn('newOne', { title: notification.title }), { alone: true });
      }),
    [tn],
  );
  return (
    <Link
      href="/notifications"
      className="notification-bell"
      aria-label={t('notificationsUnread', { count })}
      aria-current={pathname === '/notifications' ? 'page' : undefined}
      data-testid="notification-bell"
    >
      <svg
        aria-hidden="true"
        width="18"
        height="18"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
      >
        <path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4z" />
        <path d="M10 20a2 2 0 0 0 4 0" />
      </svg>
      {count > 0 ? <span className="count">{count > 99 ? '99+' : count}</span> : null}
    </Link>
  );
}
