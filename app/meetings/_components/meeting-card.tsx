import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { StateBadge } from '@/components/badges';
import type { MeetingView } from '@/lib/services/meetings/serialize-meeting';
import { MeetingTime } from './meeting-time';

/** A meeting in a list: what, when (in its zone and the viewer's), where, who, and where its readout stands. */
export async function MeetingCard({ meeting, states }: { meeting: MeetingView; states: Record<string, string> }) {
  const t = await getTranslations('Meetings');
  return (
    <li className="card stack-tight meeting-card" data-testid="meeting-card">
      <div className="row">
        <span className={`badge badge-level level-${meeting.level}`}>{t(`levels.${meeting.level}`)}</span>
        {meeting.room?.visibility === 'discreet' ? <span className="badge badge-topic">{t('discreet')}</span> : null}
        {meeting.readout ? (
          <span className={`badge ${meeting.readout.status === 'released' ? 'status status-formalized' : 'badge-topic'}`}>
            {meeting.readout.status === 'released' ? t('readoutReleased') : t('readoutDraft')}
          </span>
        ) : null}
      </div>
      <h3 style={{ margin: 0 }}>
        <Link href={`/meetings/${meeting.id}`}>{meeting.title}</Link>
      </h3>
      <p className="small">
        <MeetingTime startsAt={meeting.startsAt} endsAt={meeting.endsAt} zone={meeting.timezone} />
      </p>
      <p className="small row">
        {meeting.place ? <span>{meeting.place}</span> : null}
        <span className="row" aria-label={t('attending')}>
          {meeting.states.map((s) => (
            <StateBadge key={s} code={s} name={states[s]} />
          ))}
        </span>
        {meeting.chairState ? <span className="muted">{t('chairedBy', { state: states[meeting.chairState] })}</span> : null}
      </p>
      {meeting.room ? (
        <p className="small muted">
          {t('inRoom')} <Link href={`/rooms/${meeting.room.id}`}>{meeting.room.title}</Link>
        </p>
      ) : null}
    </li>
  );
}
