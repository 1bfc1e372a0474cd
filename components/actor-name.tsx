import { useTranslations } from 'next-intl';
import type { PublicActor } from '@/lib/events/types';

/** A person's name, or under the Chatham House rule only their affiliation and state. */
export function ActorName({ actor }: { actor: PublicActor | null }) {
  const t = useTranslations('Common');
  if (!actor) return <span className="author">{t('system')}</span>;
  const affiliation = t(`affiliation.${actor.affiliation}`);
  if ('name' in actor) {
    return (
      <span>
        <span className="author">{actor.name}</span>{' '}
        <span className="muted">
          ({affiliation}
          {actor.state ? ` · ${actor.state}` : ''})
        </span>
      </span>
    );
  }
  return (
    <span className="author" title={t('chathamHint')}>
      {affiliation}
      {actor.state ? ` · ${actor.state}` : ''}
    </span>
  );
}

/** The same as words, for announcements: "Jasur Karimov (Government · UZ)", under the Chatham House rule "Government · UZ". */
export function useActorLabel(): (actor: PublicActor | null) => string {
  const t = useTranslations('Common');
  return (actor) => {
    if (!actor) return t('system');
    const affiliation = `${t(`affiliation.${actor.affiliation}`)}${actor.state ? ` · ${actor.state}` : ''}`;
    return 'name' in actor ? `${actor.name} (${affiliation})` : affiliation;
  };
}
