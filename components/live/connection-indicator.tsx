'use client';

import type { LiveStatus } from './live-client';
import { useLiveStatus } from './use-live';

const COLORS = { live: '#1b6b3a', connecting: '#8a5a00', reconnecting: '#8a5a00', offline: '#a61b1b' } as const;

/** Live / reconnecting / offline. Labels come from the caller, so no i18n runtime is needed here. */
export function ConnectionIndicator({ labels }: { labels: Record<LiveStatus, string> }) {
  const status = useLiveStatus();
  return (
    <span className="row small" role="status" aria-live="polite" data-testid="connection-status" data-connection={status}>
      <span
        aria-hidden="true"
        style={{ width: 10, height: 10, borderRadius: '50%', background: COLORS[status], display: 'inline-block' }}
      />
      {labels[status]}
    </span>
  );
}
