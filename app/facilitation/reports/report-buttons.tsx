'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiCall } from '@/components/api-call';

/** Closes a report: resolved (acted on) or dismissed. */
export function ReportButtons({ reportId }: { reportId: number }) {
  const t = useTranslations('Moderation');
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState(false);

  async function close(resolution: 'resolved' | 'dismissed') {
    setPending(true);
    const answer = await apiCall('POST', `/api/v1/reports/${reportId}/resolve`, { resolution });
    setPending(false);
    setError(!answer.ok);
    if (answer.ok) router.refresh();
  }

  return (
    <div className="row small">
      <button className="button" type="button" disabled={pending} onClick={() => close('resolved')}>
        {t('resolve')}
      </button>
      <button className="button button-secondary" type="button" disabled={pending} onClick={() => close('dismissed')}>
        {t('dismiss')}
      </button>
      {error ? (
        <span className="error" role="alert">
          {t('failed')}
        </span>
      ) : null}
    </div>
  );
}
