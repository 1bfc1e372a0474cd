'use client';

import type { ReactNode } from 'react';

/**
 * A notification's link: following it marks it read (a background POST that outlives the page),
 * so the bell counts down. Without script the link still leads there; a GET never writes.
 */
export function NotificationLink({ id, href, unread, children }: { id: number; href: string; unread: boolean; children: ReactNode }) {
  return (
    <a
      href={href}
      className="notification-title"
      onClick={() => {
        if (!unread) return;
        void fetch('/api/v1/notifications/read', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ids: [id] }),
          keepalive: true,
        }).catch(() => {});
      }}
    >
      {children}
    </a>
  );
}
