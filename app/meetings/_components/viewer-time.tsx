'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useSyncExternalStore } from 'react';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The meeting's times in the viewer's own zone, when it is not the meeting's: the server cannot
 * know the browser's zone, so this part is drawn in the browser (nothing on the server's pass).
 */
export function ViewerTime({ startsAt, endsAt, zone }: { startsAt: string; endsAt: string; zone: string }) {
  const t = useTranslations('Meetings');
  const format = useFormatter();
  const own = useSyncExternalStore(
    () => () => {},
    browserZone,
    () => null,
  );
  if (!own || own === zone) return null;
  const range = format.dateTimeRange(new Date(startsAt), new Date(endsAt), { timeZone: own, dateStyle: 'medium', timeStyle: 'short' });
  return (
    <span className="viewer-time" data-testid="viewer-time">
      {t('yourTime', { range, zone: own })}
    </span>
  );
}
