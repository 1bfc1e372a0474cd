'use client';

import { useDateTime } from '@/components/use-date-time';
import { useNow, useTranslations } from 'next-intl';

/**
 * A running silence procedure: its deadline in the reader's time, a countdown, and the states
 * that may still break silence. The countdown is not a live region (it would speak every second).
 */
export function SilenceCountdown({ deadline, states }: { deadline: string; states: string[] }) {
  const t = useTranslations('Initiative');
  const dateTime = useDateTime();
  const now = useNow({ updateInterval: 1000 });
  const left = Math.max(0, Date.parse(deadline) - now.getTime());
  const hours = Math.floor(left / 3_600_000);
  const minutes = Math.floor((left % 3_600_000) / 60_000);
  const seconds = Math.floor((left % 60_000) / 1000);
  return (
    <div className="stack" data-testid="silence">
      <p>
        {t('silenceUntil', { date: dateTime(new Date(deadline), { dateStyle: 'medium', timeStyle: 'short' }) })}{' '}
        <strong data-testid="silence-countdown" suppressHydrationWarning>
          {left === 0
            ? t('silenceDue')
            : t('silenceLeft', { hours, minutes: String(minutes).padStart(2, '0'), seconds: String(seconds).padStart(2, '0') })}
        </strong>
      </p>
      <p className="small">{t('silenceWho', { states: states.join(', ') })}</p>
    </div>
  );
}
