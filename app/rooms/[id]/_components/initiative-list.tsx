import { useTranslations } from 'next-intl';
import { InitiativeCard } from '@/components/initiative-card';
import type { ReferenceNames } from '@/lib/reference/names';
import type { InitiativeView } from '@/lib/services/initiatives/serialize-initiative';

export function InitiativeList({ initiatives, names }: { initiatives: InitiativeView[]; names: ReferenceNames }) {
  const t = useTranslations('Room');
  if (initiatives.length === 0) return <p className="empty">{t('noInitiatives')}</p>;
  return (
    <ul className="list-plain grid">
      {initiatives.map((initiative) => (
        <InitiativeCard key={initiative.id} initiative={initiative} names={names} />
      ))}
    </ul>
  );
}
