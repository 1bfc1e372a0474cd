'use client';

import { useTranslations } from 'next-intl';
import type { LiveStatus } from './live-client';

/** The connection labels, for client components under a messages provider. */
export function useLiveLabels(): Record<LiveStatus, string> {
  const t = useTranslations('Live');
  return {
    connecting: t('status.connecting'),
    live: t('status.live'),
    reconnecting: t('status.reconnecting'),
    offline: t('status.offline'),
  };
}
