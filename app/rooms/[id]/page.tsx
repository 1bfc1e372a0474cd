import { ClientMessages } from '@/components/client-messages';
import { FollowBox } from '@/components/follow-box';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { PartnerBadge, RoomModeBadges, StateBadge, TopicBadge } from '@/components/badges';
import { Markdown } from '@/components/markdown';
import { canArchiveThread, canBeSeatedIn, canEditThread, canModerate, canPostIn, canPropose, isFacilitator } from '@/lib/access/rules';
import { historiesOf } from '@/lib/services/moderation/message-changes';
import { requireViewer } from '@/lib/auth/current';
import { loadOrNotFound, pageRecordId } from '@/lib/http/page-data';
import { referenceNames } from '@/lib/reference/names';
import { lastEventId } from '@/lib/services/events/list-events';
import { listInitiatives } from '@/lib/services/initiatives/list-initiatives';
import { listParticipants } from '@/lib/services/participants/directory';
import { readSnapshot } from '@/lib/services/read';
import { getThread } from '@/lib/services/threads/get-thread';
import { listMembers } from '@/lib/services/threads/members';
import { listMessages } from '@/lib/services/threads/messages';
import { visibleThread } from '@/lib/services/threads/thread-access';
import { takeSeatAction } from '../actions';
import { Conversation } from './_components/conversation';
import { InitiativeList } from './_components/initiative-list';
import { MembersPanel } from './_components/members-panel';
import { RoomTools } from './_components/room-tools';

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const viewer = await requireViewer();
  const id = pageRecordId((await params).id);
  try {
    return { title: (await getThread(viewer, id)).title };
  } catch {
    return {};
  }
}

export default async function RoomPage({ params }: Params) {
  const viewer = await requireViewer();
  const t = await getTranslations('Room');
  const names = await referenceNames(await getLocale());
  const id = pageRecordId((await params).id);
  const { room, initiatives, messages, members, since, histories } = await loadOrNotFound(() =>
    readSnapshot(async (q) => {
      const messages = await listMessages(viewer, id, { limit: 50 }, q);
      return {
        since: await lastEventId(q),
        room: await getThread(viewer, id, q),
        initiatives: (await listInitiatives(viewer, { threadId: id, limit: 100 }, q)).items,
        messages,
        members: await listMembers(viewer, id, q),
        histories: Object.fromEntries(
          await historiesOf(
            viewer,
            messages.items.filter((m) => m.editedAt).map((m) => m.id),
            q,
          ),
        ),
      };
    }),
  );
  const archived = room.archivedAt !== null;
  const format = await getFormatter();
  // The creator by id, even where the room names nobody (the API's view of the room hides it there).
  const { createdBy: creatorId } = await visibleThread(viewer, id);
  // Only those who may sit here are offered: never an observer for a discreet room.
  const directory = isFacilitator(viewer) ? (await listParticipants(viewer)).filter((p) => canBeSeatedIn(p, room)) : [];
  const access = { visibility: room.visibility, isMember: room.isMember };

  return (
    <ClientMessages namespaces={['Room', 'NewRoom']}>
      <div className="stack">
        <p className="small">
          <Link href="/rooms">← {t('backToRooms')}</Link>
        </p>
        <header className="stack">
          <div className="row small">
            <TopicBadge name={names.topics[room.topic] ?? room.topic} />
            <RoomModeBadges visibility={room.visibility} attribution={room.attribution} />
          </div>
          <h1>{room.title}</h1>
          <Markdown text={room.summary} className="room-summary" />
          <div className="row small">
            {room.states.map((s) => (
              <StateBadge key={s} code={s} name={names.states[s]} />
            ))}
            {room.partners.map((p) => (
              <PartnerBadge key={p} code={p} name={names.partners[p]} />
            ))}
          </div>
          {archived ? (
            <p className="alert alert-warn" role="status" data-testid="archived-notice">
              <strong>{t('moderation.archivedTitle')}</strong>{' '}
              {t('moderation.archivedNotice', { date: format.dateTime(new Date(room.archivedAt!), { dateStyle: 'long' }) })}
            </p>
          ) : null}
          {room.attribution === 'chatham' ? (
            <p className="alert alert-warn small" role="note">
              {t('chathamNotice')}
            </p>
          ) : null}
        </header>

        <div className="grid-2">
          <div className="stack">
            <section aria-labelledby="initiatives-heading">
              <div className="spread">
                <h2 id="initiatives-heading">{t('initiatives')}</h2>
                {!archived && canPropose(viewer) && canPostIn(viewer, access) ? (
                  <Link className="button" href={`/rooms/${room.id}/propose`}>
                    {t('propose')}
                  </Link>
                ) : null}
              </div>
              <InitiativeList initiatives={initiatives} names={names} />
              {isFacilitator(viewer) ? (
                <p className="small">
                  <Link href={`/meetings/new?room=${room.id}`}>{t('scheduleMeeting')}</Link>
                </p>
              ) : null}
            </section>
            <section aria-labelledby="conversation-heading">
              <h2 id="conversation-heading">{t('conversation')}</h2>
              <Conversation
                threadId={room.id}
                since={since}
                initialMessages={messages.items.toReversed()}
                olderCursor={messages.next}
                canPost={!archived && canPostIn(viewer, access)}
                seated={room.isMember}
                viewerId={viewer.id}
                moderator={canModerate(viewer)}
                archived={archived}
                histories={histories}
              />
            </section>
          </div>
          <aside className="stack" aria-label={t('aside')}>
            {!archived && (canArchiveThread(viewer) || canEditThread(viewer, creatorId)) ? (
              <RoomTools
                threadId={room.id}
                room={{ title: room.title, topic: room.topic, summary: room.summary, states: room.states, partners: room.partners }}
                names={names}
                canArchive={canArchiveThread(viewer)}
              />
            ) : null}
            {!archived && !room.isMember && room.visibility === 'open' ? (
              <form action={takeSeatAction.bind(null, room.id)}>
                <button className="button button-secondary" type="submit">
                  {t('takeSeat')}
                </button>
              </form>
            ) : null}
            <FollowBox viewer={viewer} kind="thread" id={room.id} />
            <MembersPanel threadId={room.id} members={members} directory={directory} attribution={room.attribution} />
          </aside>
        </div>
      </div>
    </ClientMessages>
  );
}
