import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { ActionButton } from '@/components/action-button';
import { FormatLabel, StateBadge, StatusBadge } from '@/components/badges';
import { ClientMessages } from '@/components/client-messages';
import { Markdown } from '@/components/markdown';
import { StanceMark } from '@/components/stance-mark';
import { canApproveReadout, canDraftReadout, canScheduleMeetings } from '@/lib/access/rules';
import { requireViewer } from '@/lib/auth/current';
import { loadOrNotFound, pageRecordId } from '@/lib/http/page-data';
import { referenceNames } from '@/lib/reference/names';
import { lastEventId } from '@/lib/services/events/list-events';
import { getMeeting } from '@/lib/services/meetings/get-meeting';
import { readSnapshot } from '@/lib/services/read';
import { approveReadoutAction } from '../actions';
import { LiveMeeting } from '../_components/live-meeting';
import { MeetingTime } from '../_components/meeting-time';
import { ReadoutForm } from '../_components/readout-form';

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const viewer = await requireViewer();
  try {
    return { title: (await getMeeting(viewer, pageRecordId((await params).id))).title };
  } catch {
    return {};
  }
}

export default async function MeetingPage({ params }: Params) {
  const viewer = await requireViewer();
  const t = await getTranslations('Meetings');
  const format = await getFormatter();
  const names = await referenceNames(await getLocale());
  const id = pageRecordId((await params).id);
  const { meeting, since } = await loadOrNotFound(() =>
    readSnapshot(async (q) => ({ since: await lastEventId(q), meeting: await getMeeting(viewer, id, q) })),
  );
  const seats = { chairState: meeting.chairState, states: meeting.states };
  const readout = meeting.readout;
  const released = readout?.status === 'released';
  const mayDraft = canDraftReadout(viewer, seats) && !released;
  const ownState = viewer.state;
  const mayApprove =
    canApproveReadout(viewer, seats) && readout !== null && !released && ownState !== null && readout.awaiting.includes(ownState);
  const chatham = meeting.room?.attribution === 'chatham';
  const agendaTitles = Object.fromEntries(meeting.agenda.flatMap((item) => (item.initiativeId ? [[item.initiativeId, item.title]] : [])));

  return (
    <ClientMessages namespaces={['Meetings']}>
      <LiveMeeting
        meetingId={meeting.id}
        agendaTitles={agendaTitles}
        since={since}
        viewerId={viewer.id}
        words={{
          drafted: t('live.drafted'),
          approved: t('live.approved'),
          released: t('live.released'),
          updated: t('live.updated'),
          agendaChanged: t('live.agendaChanged'),
          states: names.states,
        }}
      >
        <div className="stack">
          <p className="small">
            <Link href="/meetings">← {t('title')}</Link>
          </p>
          <header className="stack-tight">
            <div className="row">
              <span className={`badge badge-level level-${meeting.level}`}>{t(`levels.${meeting.level}`)}</span>
              {meeting.room?.visibility === 'discreet' ? <span className="badge badge-topic">{t('discreet')}</span> : null}
              {chatham ? <span className="badge badge-topic">{t('chatham')}</span> : null}
            </div>
            <h1>{meeting.title}</h1>
            <p>
              <MeetingTime startsAt={meeting.startsAt} endsAt={meeting.endsAt} zone={meeting.timezone} />
            </p>
            <dl className="facts">
              {meeting.place ? (
                <>
                  <dt>{t('place')}</dt>
                  <dd>{meeting.place}</dd>
                </>
              ) : null}
              <dt>{t('attending')}</dt>
              <dd className="row">
                {meeting.states.map((s) => (
                  <StateBadge key={s} code={s} name={names.states[s]} />
                ))}
              </dd>
              {meeting.chairState ? (
                <>
                  <dt>{t('chair')}</dt>
                  <dd>{names.states[meeting.chairState]}</dd>
                </>
              ) : null}
              {meeting.room ? (
                <>
                  <dt>{t('room')}</dt>
                  <dd>
                    <Link href={`/rooms/${meeting.room.id}`}>{meeting.room.title}</Link>
                  </dd>
                </>
              ) : null}
            </dl>
            <p className="row">
              <a className="button button-secondary" href={`/api/v1/meetings/${meeting.id}/calendar.ics`} download>
                {t('addToCalendar')}
              </a>
              {canScheduleMeetings(viewer) ? (
                <Link className="button button-secondary" href={`/meetings/${meeting.id}/edit`}>
                  {t('edit')}
                </Link>
              ) : null}
            </p>
          </header>

          <section className="card stack" aria-labelledby="agenda-heading">
            <h2 id="agenda-heading" style={{ marginTop: 0 }}>
              {t('agenda')}
            </h2>
            {meeting.agenda.length === 0 ? <p className="empty">{t('noAgenda')}</p> : null}
            <ol className="agenda" data-testid="agenda">
              {meeting.agenda.map((item, index) => (
                <li key={index} className="agenda-item">
                  {item.initiativeId && item.initiative ? (
                    <div className="stack-tight">
                      <Link href={`/initiatives/${item.initiativeId}`}>{item.title}</Link>
                      <div className="row small">
                        <StatusBadge status={item.initiative.status} provisional={item.initiative.provisional} />
                        <FormatLabel label={item.initiative.label} />
                      </div>
                      <ul className="list-plain row small" aria-label={t('stancesOf', { title: item.title })}>
                        {Object.entries(item.initiative.stances).map(([state, position]) => (
                          <li key={state}>
                            <abbr title={names.states[state]}>{state}</abbr> <StanceMark position={position!} />
                          </li>
                        ))}
                      </ul>
                    </div>
                  ) : (
                    <span>{item.title}</span>
                  )}
                </li>
              ))}
            </ol>
          </section>

          <section className="card stack" aria-labelledby="readout-heading" data-testid="readout">
            <h2 id="readout-heading" style={{ marginTop: 0 }}>
              {t('readout')}
            </h2>
            {!readout ? <p className="muted">{t('noReadout')}</p> : null}
            {readout ? (
              <p className="row">
                <span className={`badge ${released ? 'status status-formalized' : 'badge-topic'}`} data-testid="readout-status">
                  {released ? t('readoutReleased') : t('readoutDraft')}
                </span>
                <span className="small muted">
                  {released
                    ? t('releasedOn', { date: format.dateTime(new Date(readout.releasedAt!), { dateStyle: 'medium', timeStyle: 'short' }) })
                    : t('versionN', { version: readout.version })}
                </span>
              </p>
            ) : null}
            {readout?.body ? <Markdown text={readout.body} className="readout-body" /> : null}
            {readout && !readout.body ? <p className="muted small">{t('draftAtTheTable')}</p> : null}
            {readout && !released ? (
              <div className="table-scroll">
                <table className="stance-table" data-testid="approvals">
                  <caption className="visually-hidden">{t('approvals')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('state')}</th>
                      <th scope="col">{t('approval')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {meeting.states.map((state) => (
                      <tr key={state} data-state={state}>
                        <th scope="row">{names.states[state]}</th>
                        <td>
                          {readout.approvals.includes(state) ? (
                            <span className="stance stance-endorse">✓ {t('approved')}</span>
                          ) : (
                            t('awaiting')
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            {mayApprove ? (
              <ActionButton action={approveReadoutAction.bind(null, meeting.id, readout!.version)} testId="approve-readout">
                {t('approveFor', { state: names.states[ownState!] })}
              </ActionButton>
            ) : null}
            {released && meeting.agenda.some((item) => item.initiative) ? (
              <div className="stack-tight">
                <h3>{t('outcomes')}</h3>
                <ul className="list-plain stack-tight" data-testid="outcomes">
                  {meeting.agenda.map((item, index) =>
                    item.initiativeId && item.initiative ? (
                      <li key={index} className="row">
                        <Link href={`/initiatives/${item.initiativeId}`}>{item.title}</Link>
                        <StatusBadge status={item.initiative.status} provisional={item.initiative.provisional} />
                        <FormatLabel label={item.initiative.label} />
                      </li>
                    ) : null,
                  )}
                </ul>
              </div>
            ) : null}
            {mayDraft ? (
              <ReadoutForm meetingId={meeting.id} body={readout?.body ?? ''} version={readout?.version ?? 0} chatham={chatham} />
            ) : null}
          </section>
        </div>
      </LiveMeeting>
    </ClientMessages>
  );
}
