import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { PartnerBadge } from '@/components/badges';
import { liveLabels } from '@/components/live/live-labels';
import { requireViewer } from '@/lib/auth/current';
import { CA_STATES, POSITIONS, STATUSES, type Position, type StateCode, type Status } from '@/lib/consensus/codes';
import { loadOrError } from '@/lib/http/page-data';
import { referenceNames } from '@/lib/reference/names';
import { changesSinceLastVisit } from '@/lib/services/dashboard/changes-since';
import { endorsementsByState, getDashboard, type Dashboard } from '@/lib/services/dashboard/get-dashboard';
import { statusHistory } from '@/lib/services/dashboard/status-history';
import { lastEventId } from '@/lib/services/events/list-events';
import { getInitiative } from '@/lib/services/initiatives/get-initiative';
import { readSnapshot } from '@/lib/services/read';
import { ChangesSinceLastVisit } from './_components/changes';
import { LiveDashboard } from './_components/live-dashboard';
import { ConsensusMatrix } from './_components/matrix';
import { StanceMap, type MapMode } from './_components/stance-map';
import { StatusChart } from './_components/status-chart';
import { Totals } from './_components/totals';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Dashboard'))('title') };
}

const POSITION_LETTER: Record<Position, string> = { endorse: 'e', reservation: 'r', step_aside: 's', pending: 'p' };
const FILTERS = ['q', 'topic', 'status', 'format', 'state', 'partner'] as const;
type Search = Record<string, string | string[] | undefined>;

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requireViewer();
  const t = await getTranslations('Dashboard');
  const tc = await getTranslations('Common');
  const names = referenceNames(await getLocale());
  const search = await searchParams;
  const filters = Object.fromEntries(
    FILTERS.map((k) => [k, search[k]]).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  );
  const paging = Object.fromEntries(
    ['cursor', 'focus'].map((k) => [k, search[k]]).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  );
  const empty: Dashboard = {
    totals: {
      all: 0,
      byStatus: { consultation: 0, reservations: 0, consensus: 0, formalized: 0 },
      byFormat: {},
      minusX: 0,
      plusX: 0,
      byTopic: {},
      byPartner: {},
      endorsed: {},
    },
    matching: 0,
    items: [],
    next: null,
  };

  const { since, dashboard, error, history, changes, focused } = readSnapshot(() => {
    const since = lastEventId();
    const { data: dashboard, error } = loadOrError(() => getDashboard(viewer, { ...filters, ...paging, limit: 50 }), empty);
    const focusId = Number(paging.focus) || null;
    let focused = focusId ? dashboard.items.find((i) => i.id === focusId) : undefined;
    if (focusId && !focused) {
      try {
        focused = getInitiative(viewer, focusId);
      } catch {
        focused = undefined;
      }
    }
    return { since, dashboard, error, history: statusHistory(viewer), changes: changesSinceLastVisit(viewer, since), focused };
  });

  const query = (extra: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) params.set(k, v);
    const text = params.toString();
    return text ? `/dashboard?${text}` : '/dashboard';
  };
  const mapMode: MapMode = focused
    ? {
        kind: 'stances',
        title: t('mapStances', { title: focused.title }),
        stances: Object.fromEntries(Object.entries(focused.stances).map(([s, v]) => [s, v!.position])) as Partial<
          Record<StateCode, Position>
        >,
      }
    : {
        kind: 'endorsements',
        title: filters.topic ? t('mapEndorsementsTopic', { topic: names.topics[filters.topic] ?? filters.topic }) : t('mapEndorsements'),
        counts: endorsementsByState(dashboard.totals, filters.topic),
      };
  const partners = focused
    ? focused.partners
    : Object.keys(dashboard.totals.byPartner).sort((a, b) => (dashboard.totals.byPartner[b] ?? 0) - (dashboard.totals.byPartner[a] ?? 0));
  const select = (name: (typeof FILTERS)[number], label: string, options: [string, string][]) => (
    <div className="field">
      <label htmlFor={`d-${name}`}>{label}</label>
      <select id={`d-${name}`} name={name} defaultValue={filters[name] ?? ''}>
        <option value="">{t('any')}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <>
      <div className="stack">
        <div className="spread">
          <div>
            <h1>{t('title')}</h1>
            <p className="muted">{t('lead')}</p>
          </div>
          <LiveDashboard since={since} lastEventId={since} labels={await liveLabels()} />
        </div>

        <Totals totals={dashboard.totals} topics={names.topics} href={(f) => query({ ...f })} />

        <form className="filters card" method="get" role="search" aria-label={t('filters')}>
          <div className="field">
            <label htmlFor="d-q">{t('search')}</label>
            <input id="d-q" name="q" type="search" defaultValue={filters.q ?? ''} />
          </div>
          {select('topic', t('topic'), Object.entries(names.topics))}
          {select(
            'status',
            t('status'),
            STATUSES.map((s) => [s, tc(`status.${s}`)]),
          )}
          {select(
            'format',
            t('format'),
            ['CA-2', 'CA-3', 'CA-4', 'CA-5'].map((f) => [f, f]),
          )}
          {select(
            'state',
            t('state'),
            CA_STATES.map((s) => [s, names.states[s]]),
          )}
          {select('partner', t('partner'), Object.entries(names.partners))}
          <button className="button" type="submit">
            {t('apply')}
          </button>
          {Object.keys(filters).length ? (
            <Link href="/dashboard" className="small">
              {t('clear')}
            </Link>
          ) : null}
        </form>
        {error ? (
          <p className="alert alert-error" role="alert">
            {t('badFilter')}
          </p>
        ) : null}

        <div className="grid-2">
          <section aria-labelledby="matrix-heading" className="stack">
            <div className="spread">
              <h2 id="matrix-heading" style={{ margin: 0 }}>
                {t('matrixTitle')}
              </h2>
              <span className="small muted" data-testid="matching">
                {t('matching', { count: dashboard.matching })} · {t('sortedByChange')}
              </span>
            </div>
            {dashboard.items.length === 0 ? (
              <p className="empty">{t('empty')}</p>
            ) : (
              <ConsensusMatrix
                rows={dashboard.items.map((item) => ({
                  id: item.id,
                  title: item.title,
                  topic: names.topics[item.topic] ?? item.topic,
                  status: item.status,
                  label: item.label,
                  cells: CA_STATES.map((s) => (item.stances[s] ? POSITION_LETTER[item.stances[s]!.position] : '-')).join(''),
                }))}
                states={CA_STATES.map((code) => ({ code, name: names.states[code] }))}
                labels={{
                  caption: t('matrixCaption'),
                  initiative: t('initiative'),
                  statusAndFormat: t('statusAndFormat'),
                  showOnMap: t('showOnMap'),
                  notTakingPart: t('notTakingPart'),
                  status: Object.fromEntries(STATUSES.map((s) => [s, tc(`status.${s}`)])) as Record<Status, string>,
                  position: Object.fromEntries(POSITIONS.map((p) => [p, tc(`position.${p}`)])) as Record<Position, string>,
                }}
                focusQuery={Object.keys(filters).length ? `${new URLSearchParams(filters)}&` : ''}
              />
            )}
            <p className="row small">
              {paging.cursor ? <Link href={query({})}>{t('firstPage')}</Link> : null}
              {dashboard.next ? <Link href={query({ cursor: dashboard.next })}>{t('nextPage')}</Link> : null}
              <a href={`/api/v1/export/initiatives.csv${query({}).replace('/dashboard', '')}`}>{t('exportCsv')}</a>
              <a href={`/api/v1/export/initiatives.json${query({}).replace('/dashboard', '')}`}>{t('exportJson')}</a>
            </p>
          </section>
          <aside className="stack" aria-label={t('aside')}>
            <StanceMap mode={mapMode} names={names.states} />
            <section className="small" aria-labelledby="partners-heading">
              <h2 id="partners-heading" className="h3">
                {focused ? t('partnersOfInitiative') : t('partnersAll')}
              </h2>
              {partners.length ? (
                <ul className="list-plain row">
                  {partners.map((p) => (
                    <li key={p}>
                      <PartnerBadge code={p} name={names.partners[p]} />
                      {focused ? null : <span className="muted"> {dashboard.totals.byPartner[p]}</span>}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="empty">{t('noPartners')}</p>
              )}
              {focused ? <Link href={query({})}>{t('backToEndorsements')}</Link> : null}
            </section>
            <ChangesSinceLastVisit total={changes.total} changes={changes.changes} />
          </aside>
        </div>

        <section aria-labelledby="chart-heading">
          <h2 id="chart-heading">{t('chartTitle')}</h2>
          <StatusChart history={history} />
        </section>
      </div>
    </>
  );
}
