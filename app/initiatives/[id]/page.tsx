import { ClientMessages } from '@/components/client-messages';
import { FollowBox } from '@/components/follow-box';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { ActionButton } from '@/components/action-button';
import { FormatLabel, PartnerBadge, StatusBadge } from '@/components/badges';
import { changeWords } from '@/components/live/live-labels';
import { Markdown } from '@/components/markdown';
import { StanceMark } from '@/components/stance-mark';
import {
  canEditInitiative,
  canEndorse,
  canFormalize,
  canJoinAsPartner,
  canJoinForOwnState,
  canReportImplementationFor,
  canSetReviewDate,
  canSetStanceFor,
} from '@/lib/access/rules';
import { requireViewer } from '@/lib/auth/current';
import { loadOrNotFound, pageRecordId } from '@/lib/http/page-data';
import { referenceNames } from '@/lib/reference/names';
import { lastEventId, listEvents } from '@/lib/services/events/list-events';
import { getInitiative } from '@/lib/services/initiatives/get-initiative';
import { findInitiative } from '@/lib/services/initiatives/initiative-access';
import { readSnapshot } from '@/lib/services/read';
import { getThread } from '@/lib/services/threads/get-thread';
import { listVersions } from '@/lib/services/initiatives/versions';
import { confirmStanceAction, endorseAction, formalizeAction, joinAction } from '../actions';
import { EventLine } from './_components/event-line';
import { ImplementationSection } from './_components/implementation-section';
import { ChangedMark, LiveInitiative, LiveStanceRow } from './_components/live-initiative';
import { SilenceCountdown } from './_components/silence-countdown';
import { BreakSilenceForm, StartSilenceForm } from './_components/silence-forms';
import { StanceForm } from './_components/stance-form';
import { TextVersions } from './_components/text-versions';

type Params = { params: Promise<{ id: string }> };
type Search = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const viewer = await requireViewer();
  try {
    return { title: (await getInitiative(viewer, pageRecordId((await params).id))).title };
  } catch {
    return {};
  }
}

export default async function InitiativePage({ params, searchParams }: Params & Search) {
  const viewer = await requireViewer();
  const t = await getTranslations('Initiative');
  const format = await getFormatter();
  const names = await referenceNames(await getLocale());
  const id = pageRecordId((await params).id);
  const { initiative, room, timeline, versions, since, proposerId } = await loadOrNotFound(() =>
    readSnapshot(async (q) => {
      const since = await lastEventId(q);
      const initiative = await getInitiative(viewer, id, q);
      return {
        since,
        initiative,
        room: await getThread(viewer, initiative.threadId, q),
        timeline: (await listEvents(viewer, { initiativeId: id, limit: 500 }, q)).items,
        versions: (await listVersions(viewer, id, { limit: 100 }, q)).items,
        proposerId: (await findInitiative(id, q))!.createdBy,
      };
    }),
  );
  const ownState = viewer.state;
  // An archived room is read-only: no stance, joining, support, edit, silence or formalization here.
  const open = room.archivedAt === null;
  const participates = ownState !== null && initiative.states.includes(ownState);
  // A: the states silence is asked of (not stepped aside, not acceding).
  const active = initiative.states.filter((s) => !initiative.minus.includes(s) && !initiative.stances[s]!.acceding);
  const search = await searchParams;
  const chosen = (key: string, fallback: number) => {
    const n = Number(search[key]);
    return versions.some((v) => v.version === n) ? n : fallback;
  };
  const compareTo = chosen('to', initiative.version);
  const compareFrom = chosen('from', Math.max(1, compareTo - 1));

  return (
    <ClientMessages namespaces={['Initiative']}>
      <LiveInitiative
        threadId={initiative.threadId}
        initiativeId={initiative.id}
        since={since}
        viewerId={viewer.id}
        words={await changeWords(names.states)}
      >
        <div className="stack">
          <p className="small">
            <Link href={`/rooms/${room.id}`}>← {room.title}</Link>
          </p>
          <header className="stack">
            <div className="row">
              <StatusBadge status={initiative.status} provisional={initiative.provisional} testId="initiative-status" />
              <FormatLabel label={initiative.label} />
              {initiative.openToJoin ? <span className="badge badge-topic">{t('openToJoin')}</span> : null}
            </div>
            <h1>{initiative.title}</h1>
            <Markdown text={initiative.summary} className="room-summary" />
            {initiative.partners.length ? (
              <div className="row small">
                <span className="muted">{t('partners')}</span>
                {initiative.partners.map((p) => (
                  <PartnerBadge key={p} code={p} name={names.partners[p]} />
                ))}
              </div>
            ) : null}
            <p className="small muted">{initiative.provisional ? t('provisionalExplain') : t(`statusExplain.${initiative.status}`)}</p>
            {open ? null : (
              <p className="alert alert-warn" role="status" data-testid="archived-notice">
                {t('roomArchived')}
              </p>
            )}
          </header>

          <div className="grid-2">
            <div className="stack">
              <section className="card" aria-labelledby="stances-heading">
                <h2 id="stances-heading" style={{ marginTop: 0 }}>
                  {t('stances')}
                </h2>
                <div className="table-scroll">
                  <table className="stance-table" data-testid="stances">
                    <thead>
                      <tr>
                        <th scope="col">{t('state')}</th>
                        <th scope="col">{t('stance')}</th>
                        <th scope="col">{t('note')}</th>
                        <th scope="col">{t('setAt')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {initiative.states.map((state) => {
                        const stance = initiative.stances[state]!;
                        return (
                          <LiveStanceRow key={state} state={state}>
                            <th scope="row">
                              {names.states[state]} <span className="muted">({state})</span>
                              {stance.acceding ? <span className="badge badge-topic"> {t('acceding')}</span> : null}{' '}
                              <ChangedMark state={state} />
                            </th>
                            <td>
                              <StanceMark position={stance.position} />
                              {stance.adReferendum && stance.confirmBy ? (
                                <span className="small stance-detail" data-testid="ad-referendum">
                                  {t('adReferendumUntil', { date: format.dateTime(new Date(stance.confirmBy), { dateStyle: 'medium' }) })}
                                </span>
                              ) : null}
                              {stance.position !== 'pending' ? (
                                <span className="small muted stance-detail">{t('onVersion', { version: stance.version })}</span>
                              ) : null}
                            </td>
                            <td className="small">
                              {stance.note ?? <span className="muted">—</span>}
                              {stance.condition ? (
                                <span className="stance-detail" data-testid="stance-condition">
                                  {t('conditionShown', { condition: stance.condition })}
                                </span>
                              ) : null}
                              {stance.chairNote ? (
                                <span className="stance-detail chair-note" data-testid="chair-note">
                                  <strong>{t('toTheChair')}</strong> {stance.chairNote}
                                </span>
                              ) : null}
                            </td>
                            <td className="small muted">
                              {stance.setAt ? (
                                <time dateTime={stance.setAt}>
                                  {format.dateTime(new Date(stance.setAt), { dateStyle: 'medium', timeStyle: 'short' })}
                                </time>
                              ) : (
                                '—'
                              )}
                            </td>
                          </LiveStanceRow>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </section>

              {initiative.formalizedAt ? (
                <ImplementationSection
                  initiative={initiative}
                  stateNames={names.states}
                  ownState={ownState && canReportImplementationFor(viewer, ownState) ? ownState : null}
                  mayReview={canSetReviewDate(viewer)}
                />
              ) : null}

              {initiative.silence ? (
                <section className="card stack" aria-labelledby="silence-heading">
                  <h2 id="silence-heading" style={{ marginTop: 0 }}>
                    {t('silence')}
                  </h2>
                  <SilenceCountdown deadline={initiative.silence.deadline} states={active.map((s) => names.states[s])} />
                  {open && ownState && active.includes(ownState) && canSetStanceFor(viewer, ownState) ? (
                    <BreakSilenceForm initiativeId={initiative.id} stateName={names.states[ownState]} />
                  ) : null}
                </section>
              ) : null}

              <section aria-labelledby="timeline-heading">
                <h2 id="timeline-heading">{t('timeline')}</h2>
                <ol className="timeline small" data-testid="timeline">
                  {timeline.map((event) => (
                    <li key={event.id}>
                      <EventLine event={event} />{' '}
                      <time className="muted" dateTime={event.createdAt}>
                        {format.dateTime(new Date(event.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}
                      </time>
                    </li>
                  ))}
                </ol>
              </section>

              <TextVersions versions={versions} from={compareFrom} to={compareTo} />
            </div>

            <aside className="stack" aria-label={t('actions')}>
              {open && ownState && participates && canSetStanceFor(viewer, ownState) ? (
                <section className="card">
                  <h2 style={{ marginTop: 0 }}>{t('yourStance', { state: names.states[ownState] })}</h2>
                  <StanceForm
                    initiativeId={initiative.id}
                    state={ownState}
                    stateName={names.states[ownState]}
                    version={initiative.version}
                    current={initiative.stances[ownState]!}
                  />
                </section>
              ) : null}
              {open && ownState && participates && canSetStanceFor(viewer, ownState) && initiative.stances[ownState]!.adReferendum ? (
                <section className="card stack" data-testid="confirm-stance">
                  <p className="small">
                    {t('confirmExplain', {
                      state: names.states[ownState],
                      date: format.dateTime(new Date(initiative.stances[ownState]!.confirmBy!), { dateStyle: 'medium' }),
                    })}
                  </p>
                  <ActionButton action={confirmStanceAction.bind(null, initiative.id, ownState)} testId="confirm">
                    {t('confirm', { state: names.states[ownState] })}
                  </ActionButton>
                </section>
              ) : null}
              {open && ownState && !participates && initiative.openToJoin && canJoinForOwnState(viewer) ? (
                <section className="card stack">
                  <p className="small">{t('joinExplain', { state: names.states[ownState] })}</p>
                  <ActionButton action={joinAction.bind(null, initiative.id)} testId="join">
                    {t('join', { state: ownState })}
                  </ActionButton>
                </section>
              ) : null}
              {open &&
              viewer.partner &&
              canJoinAsPartner(viewer) &&
              initiative.openToJoin &&
              !initiative.partners.includes(viewer.partner) ? (
                <section className="card stack">
                  <p className="small">{t('joinAsPartnerExplain', { partner: viewer.partner })}</p>
                  <ActionButton action={joinAction.bind(null, initiative.id)} testId="join-partner">
                    {t('joinAsPartner', { partner: viewer.partner })}
                  </ActionButton>
                </section>
              ) : null}
              <section className="card stack">
                <h2 style={{ marginTop: 0 }}>{t('support')}</h2>
                <p className="small" data-testid="endorsement-count">
                  {t('endorsements', { count: initiative.endorsements })}
                </p>
                {open && canEndorse(viewer) ? (
                  <ActionButton
                    action={endorseAction.bind(null, initiative.id, !initiative.endorsedByMe)}
                    variant="secondary"
                    testId="endorse"
                  >
                    {initiative.endorsedByMe ? t('withdrawSupport') : t('addSupport')}
                  </ActionButton>
                ) : null}
                <p className="small muted">{t('supportExplain')}</p>
              </section>
              {open && canEditInitiative(viewer, proposerId) && initiative.status !== 'formalized' ? (
                <Link className="button button-secondary" href={`/initiatives/${initiative.id}/edit`}>
                  {t('edit')}
                </Link>
              ) : null}
              {open &&
              canFormalize(viewer) &&
              !initiative.silence &&
              initiative.status !== 'formalized' &&
              initiative.status !== 'reservations' &&
              active.length >= 2 ? (
                <section className="card stack">
                  <h2 style={{ marginTop: 0 }}>{t('silence')}</h2>
                  <StartSilenceForm initiativeId={initiative.id} />
                </section>
              ) : null}
              {open && canFormalize(viewer) && initiative.status === 'consensus' && !initiative.provisional ? (
                <section className="card stack">
                  <p className="small">{t('formalizeExplain')}</p>
                  <ActionButton action={formalizeAction.bind(null, initiative.id)} confirm={t('formalizeConfirm')} testId="formalize">
                    {t('formalize')}
                  </ActionButton>
                </section>
              ) : null}
              <FollowBox viewer={viewer} kind="initiative" id={initiative.id} states={initiative.states} />
            </aside>
          </div>
        </div>
      </LiveInitiative>
    </ClientMessages>
  );
}
