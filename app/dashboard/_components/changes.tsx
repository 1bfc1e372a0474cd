import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { ActorName } from '@/components/actor-name';
import type { Change } from '@/lib/services/dashboard/changes-since';
import { CHANGES_COUNT_LIMIT } from '@/lib/services/dashboard/changes-since';

/** "Changed since your last visit": the newest changes on initiatives the viewer may see. */
export function ChangesSinceLastVisit({ total, changes }: { total: number; changes: Change[] }) {
  const t = useTranslations('Dashboard');
  const tc = useTranslations('Common');
  const format = useFormatter();
  return (
    <section className="card" aria-labelledby="changes-heading" data-testid="changes">
      <h2 id="changes-heading" style={{ marginTop: 0 }}>
        {t('changesTitle')}
      </h2>
      {total === 0 ? (
        <p className="empty">{t('noChanges')}</p>
      ) : (
        <>
          <p className="small muted">
            {total >= CHANGES_COUNT_LIMIT ? t('manyChanges', { count: CHANGES_COUNT_LIMIT }) : t('changesCount', { count: total })}
          </p>
          <ul className="list-plain stack small">
            {changes.map(({ event, initiativeTitle }) => {
              const p = event.payload as Record<string, string>;
              return (
                <li key={event.id}>
                  {event.initiativeId ? <Link href={`/initiatives/${event.initiativeId}`}>{initiativeTitle}</Link> : null}{' '}
                  <span>
                    {event.type === 'stance.changed'
                      ? `${p.state}: ${tc(`position.${p.from as 'pending'}`)} → ${tc(`position.${p.to as 'pending'}`)}`
                      : event.type === 'status.changed'
                        ? `${tc(`status.${p.from as 'consultation'}`)} → ${tc(`status.${p.to as 'consultation'}`)} (${p.label})`
                        : t(`change.${event.type.replace('.', '_') as 'initiative_proposed'}`)}
                  </span>{' '}
                  <span className="muted">
                    — <ActorName actor={event.actor} />, {format.relativeTime(new Date(event.createdAt))}
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
