import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { FormatLabel, StatusBadge } from '@/components/badges';
import { StanceMark } from '@/components/stance-mark';
import type { ReferenceNames } from '@/lib/reference/names';
import type { InitiativeView } from '@/lib/services/initiatives/serialize-initiative';

export function InitiativeList({ initiatives, names }: { initiatives: InitiativeView[]; names: ReferenceNames }) {
  const t = useTranslations('Room');
  if (initiatives.length === 0) return <p className="empty">{t('noInitiatives')}</p>;
  return (
    <ul className="list-plain grid">
      {initiatives.map((initiative) => (
        <li key={initiative.id} className="card" data-testid="initiative-card">
          <h3>
            <Link href={`/initiatives/${initiative.id}`}>{initiative.title}</Link>
          </h3>
          <div className="row small">
            <StatusBadge status={initiative.status} />
            <FormatLabel label={initiative.label} />
            <span className="muted">·</span>
            {initiative.states.map((state) => (
              <span key={state} className="row" title={names.states[state]}>
                <strong>{state}</strong>
                <StanceMark position={initiative.stances[state]!.position} compact />
              </span>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}
