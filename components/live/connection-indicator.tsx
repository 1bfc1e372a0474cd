'use client';

import { useTranslations } from 'next-intl';
import { useLiveStatus } from './use-live';

const COLORS = { live: '#1b6b3a', connecting: '#8a5a00', reconnecting: '#8a5a00', offline: '#a61b1b' } as const;

export function ConnectionIndicator() {
  const status = useLiveStatus();
  const t = useTranslations('Live');
  return (
    <span className="row small" role="status" aria-live="polite" data-testid="connection-status" data-connection={status}>
      <span
        aria-hidden="true"
        style={{ width: 10, height: 10, borderRadius: '50%', background: COLORS[status], display: 'inline-block' }}
      />
      {t(`status.${status}`)}
    </span>
  );
}
