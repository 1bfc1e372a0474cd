'use client';

import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useSyncExternalStore } from 'react';
import { spellsDates } from '@/components/use-date-time';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The meeting's times in the viewer's own zone, when it is not the meeting's: the server cannot
 * know the browser's zone, so this part is drawn in the browser (nothing on the server's pass).
 * A browser without the page's language in its date data (Chromium has no Tajik) shows the time
 * in digits only, rather than in another language.
 */
export function ViewerTime({ startsAt, endsAt, zone }: { startsAt: string; endsAt: string; zone: string }) {
  const t = useTranslations('Meetings');
  const format = useFormatter();
  const locale = useLocale();
  const own = useSyncExternalStore(
    () => () => {},
    browserZone,
    () => null,
  );
  if (!own || own === zone) return null;
  const [start, end] = [new Date(startsAt), new Date(endsAt)];
  const range = spellsDates(locale)
    ? format.dateTimeRange(start, end, { timeZone: own, dateStyle: 'medium', timeStyle: 'short' })
    : new Intl.DateTimeFormat('en-GB', {
        timeZone: own,
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      })
        .formatRange(start, end)
        .replaceAll('/', '.');
  return (
    <span className="viewer-time" data-testid="viewer-time">
      {t('yourTime', { range, zone: own })}
    </span>
  );
}
