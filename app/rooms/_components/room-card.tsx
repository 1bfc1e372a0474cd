import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { PartnerBadge, RoomModeBadges, StateBadge, TopicBadge } from '@/components/badges';
import type { ReferenceNames } from '@/lib/reference/names';
import type { ThreadView } from '@/lib/services/threads/serialize-thread';

export function RoomCard({ room, names }: { room: ThreadView; names: ReferenceNames }) {
  const t = useTranslations('Rooms');
  const format = useFormatter();
  return (
    <article className="card room-card" data-testid="room-card">
      <div className="row small" style={{ marginBottom: '0.35rem' }}>
        <TopicBadge name={names.topics[room.topic] ?? room.topic} />
        <RoomModeBadges visibility={room.visibility} attribution={room.attribution} />
      </div>
      <h2 className="card-title">
        <Link href={`/rooms/${room.id}`}>{room.title}</Link>
      </h2>
      <p className="muted small">{room.summary.length > 220 ? `${room.summary.slice(0, 220)}…` : room.summary}</p>
      <div className="spread small">
        <div className="row">
          {room.states.map((s) => (
            <StateBadge key={s} code={s} name={names.states[s]} />
          ))}
          {room.partners.map((p) => (
            <PartnerBadge key={p} code={p} name={names.partners[p]} />
          ))}
        </div>
        <span className="muted">
          {t('counts', { initiatives: room.initiativeCount, messages: room.messageCount })} ·{' '}
          {t('lastActivity', { when: format.relativeTime(new Date(room.lastActivityAt)) })}
        </span>
      </div>
    </article>
  );
}
