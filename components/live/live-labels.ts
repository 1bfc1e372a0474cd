import { getLocale, getTranslations } from 'next-intl/server';
import { IMPLEMENTATION_STATUSES, POSITIONS, STATUSES } from '@/lib/consensus/codes';
import type { ChangeWords } from './describe-change';
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

/** The words live changes are announced in (see describe-change.ts), with the state names of the reader's language. */
export async function changeWords(stateNames: Record<string, string>): Promise<ChangeWords> {
  const t = await getTranslations('Live');
  const tc = await getTranslations('Common');
  const locale = await getLocale();
  return {
    states: stateNames,
    position: Object.fromEntries(POSITIONS.map((p) => [p, tc(`position.${p}`)])) as ChangeWords['position'],
    status: Object.fromEntries(STATUSES.map((s) => [s, tc(`status.${s}`)])) as ChangeWords['status'],
    statusNow: t.raw('statusNow') as string,
    joined: t.raw('joined') as string,
    about: t.raw('about') as string,
    changed: t('changed'),
    provisional: t('provisional'),
    confirmed: t.raw('confirmed') as string,
    lapsed: t.raw('lapsed') as string,
    silenceStarted: t('silenceStarted'),
    silenceBroken: t('silenceBroken'),
    silenceConcluded: t('silenceConcluded'),
    implementation: Object.fromEntries(
      IMPLEMENTATION_STATUSES.map((s) => [s, tc(`implementation.${s}`).toLocaleLowerCase(locale)]),
    ) as ChangeWords['implementation'],
    implementationChanged: t.raw('implementationChanged') as string,
    reviewSet: t('reviewSet'),
  };
}
