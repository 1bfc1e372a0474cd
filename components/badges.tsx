import { useTranslations } from 'next-intl';
import type { Status } from '@/lib/consensus/codes';

export function StateBadge({ code, name }: { code: string; name?: string }) {
  return (
    <span className="badge badge-state" title={name}>
      {code}
      {name ? <span className="visually-hidden"> ({name})</span> : null}
    </span>
  );
}

export function PartnerBadge({ code, name }: { code: string; name?: string }) {
  return (
    <span className="badge badge-partner" title={name}>
      +{code}
      {name ? <span className="visually-hidden"> ({name})</span> : null}
    </span>
  );
}

export function TopicBadge({ name }: { name: string }) {
  return <span className="badge badge-topic">{name}</span>;
}

/** A status in words and colour; a consensus that awaits a capital's confirmation says so ("Consensus ad referendum"). */
export function StatusBadge({ status, provisional = false, testId }: { status: Status; provisional?: boolean; testId?: string }) {
  const t = useTranslations('Common');
  return (
    <span
      className={`badge status status-${status}${provisional ? ' status-provisional' : ''}`}
      data-status={status}
      data-provisional={provisional || undefined}
      data-testid={testId}
    >
      {provisional ? t('statusProvisional') : t(`status.${status}`)}
    </span>
  );
}

export function RoomModeBadges({ visibility, attribution }: { visibility: 'open' | 'discreet'; attribution: 'named' | 'chatham' }) {
  const t = useTranslations('Common');
  return (
    <>
      {visibility === 'discreet' ? (
        <span className="badge badge-discreet" title={t('discreetHint')}>
          {t('visibility.discreet')}
        </span>
      ) : null}
      {attribution === 'chatham' ? (
        <span className="badge badge-chatham" title={t('chathamHint')}>
          {t('attribution.chatham')}
        </span>
      ) : null}
    </>
  );
}

export function FormatLabel({ label }: { label: string }) {
  return (
    <span className="format-label" data-testid="format-label">
      {label}
    </span>
  );
}
