import { useFormatter, useTranslations } from 'next-intl';
import { ActorName } from '@/components/actor-name';
import type { PublicEvent } from '@/lib/events/types';

/** One line of the process timeline, from the event log. */
export function EventLine({ event }: { event: PublicEvent }) {
  const t = useTranslations('Timeline');
  const tc = useTranslations('Common');
  const format = useFormatter();
  const day = (iso: unknown) => format.dateTime(new Date(String(iso)), { dateStyle: 'medium' });
  const p = event.payload as Record<string, unknown>;
  const actor = <ActorName actor={event.actor} />;
  switch (event.type) {
    case 'initiative.proposed':
      return <span>{t.rich('proposed', { actor: () => actor, label: String(p.label) })}</span>;
    case 'initiative.edited': {
      const reset = (p.resetStates as string[]) ?? [];
      return (
        <span>
          {t.rich('edited', { actor: () => actor })}
          {reset.length ? ` ${t('editedReset', { states: reset.join(', ') })}` : ''}
        </span>
      );
    }
    case 'initiative.joined':
      return <span>{t.rich(p.acceding ? 'joinedAcceding' : 'joined', { actor: () => actor, state: String(p.state) })}</span>;
    case 'initiative.partner_joined':
      return <span>{t.rich('partnerJoined', { actor: () => actor, partner: String(p.partner) })}</span>;
    case 'stance.changed':
      return (
        <span data-testid="timeline-stance">
          <strong>{String(p.state)}</strong>: {tc(`position.${p.from as 'pending'}`)} → {tc(`position.${p.to as 'pending'}`)}
          {p.adReferendum ? ` (${t('adReferendum', { date: day(p.confirmBy) })})` : ''}
          {p.version && p.to !== 'pending' ? ` ${t('onVersion', { version: Number(p.version) })}` : ''}
          {p.via === 'silence' ? ` (${t('viaSilence')})` : ''}
          {p.reason === 'text_edited' ? ` (${t('resetBecauseEdited')})` : ''}
          {p.note && p.reason !== 'text_edited' ? <span className="muted"> — “{String(p.note)}”</span> : null}
          {p.condition ? <span className="muted"> ({t('condition', { condition: String(p.condition) })})</span> : null}
        </span>
      );
    case 'silence.started':
      return (
        <span>
          {t('silenceStarted', { date: format.dateTime(new Date(String(p.deadline)), { dateStyle: 'medium', timeStyle: 'short' }) })}
        </span>
      );
    case 'silence.broken':
      return (
        <span data-testid="timeline-silence">
          {p.reason === 'reservation'
            ? t('silenceBrokenReservation')
            : p.reason === 'text_edited'
              ? t('silenceBrokenEdit')
              : t('silenceBroken', { state: String(p.state) })}
          {p.note ? <span className="muted"> — “{String(p.note)}”</span> : null}
        </span>
      );
    case 'silence.concluded':
      return <span data-testid="timeline-silence">{t('silenceConcluded')}</span>;
    case 'stance.confirmed':
      return <span data-testid="timeline-stance">{t('confirmed', { state: String(p.state) })}</span>;
    case 'stance.lapsed':
      return <span data-testid="timeline-stance">{t('lapsed', { state: String(p.state), date: day(p.confirmBy) })}</span>;
    case 'endorsement.added':
      return <span>{t.rich('endorsed', { actor: () => actor })}</span>;
    case 'endorsement.removed':
      return <span>{t.rich('unendorsed', { actor: () => actor })}</span>;
    case 'status.changed':
      if (p.from === p.to) {
        return (
          <span>
            {t('formatChanged')} <span className="format-label">{String(p.fromLabel)}</span> →{' '}
            <span className="format-label">{String(p.label)}</span>
          </span>
        );
      }
      return (
        <span>
          {t('statusChanged', {
            from: tc(`status.${p.from as 'consultation'}`),
            to: p.provisional ? tc('statusProvisional') : tc(`status.${p.to as 'consultation'}`),
          })}{' '}
          <span className="format-label">{String(p.label)}</span>
        </span>
      );
    case 'implementation.changed':
      return (
        <span data-testid="timeline-implementation">
          {t('implementationChanged', {
            state: String(p.state),
            from: tc(`implementation.${p.from as 'done'}`),
            to: tc(`implementation.${p.to as 'done'}`),
          })}
          {p.note ? <span className="muted"> — “{String(p.note)}”</span> : null}
        </span>
      );
    case 'implementation.review_set':
      return (
        <span data-testid="timeline-implementation">
          {p.reviewAt
            ? t('reviewSet', {
                date: format.dateTime(new Date(`${String(p.reviewAt)}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }),
              })
            : t('reviewCleared')}
        </span>
      );
    case 'initiative.formalized':
      return <span>{t.rich('formalized', { actor: () => actor })}</span>;
    default:
      return <span>{event.type}</span>;
  }
}
