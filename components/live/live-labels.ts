import { getTranslations } from 'next-intl/server';
import type { LiveStatus } from './live-client';

/** The connection labels, read on the server for client components that carry no i18n runtime. */
export async function liveLabels(): Promise<Record<LiveStatus, string>> {
  const t = await getTranslations('Live');
  return {
    connecting: t('status.connecting'),
    live: t('status.live'),
    reconnecting: t('status.reconnecting'),
    offline: t('status.offline'),
  };
}
