import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { changeWords, liveLabels } from '@/components/live/live-labels';
import { requireViewer } from '@/lib/auth/current';
import { loadOrError } from '@/lib/http/page-data';
import { referenceNames } from '@/lib/reference/names';
import { changesSinceLastVisit } from '@/lib/services/dashboard/changes-since';
import { getDashboard, implementedByState, type Dashboard } from '@/lib/services/dashboard/get-dashboard';
import { statusHistory } from '@/lib/services/dashboard/status-history';
import { lastEventId } from '@/lib/services/events/list-events';
import { getInitiative } from '@/lib/services/initiatives/get-initiative';
import { readSnapshot } from '@/lib/services/read';
import { Changes } from './_components/changes';
import { Filters } from './_components/filters';
import { LiveDashboard } from './_components/live-dashboard';
import { ConsensusMatrix } from './_components/matrix';
import { Partners } from './_components/partners';
import { StanceMap } from './_components/stance-map';
import { StatusChart } from './_components/status-chart';
import { Totals } from './_components/totals';
import { DASHBOARD_FILTERS, dashboardView, MAP_MODES, type Filters as FilterValues, type MapMode } from './_lib/view';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Dashboard'))('title') };
}

type Search = Record<string, string | string[] | undefined>;

const EMPTY: Dashboard = {
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

function pick(search: Search, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, search[k]]).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requireViewer();
  const t = await getTranslations('Dashboard');
  const names = await referenceNames(await getLocale());
  const search = await searchParams;
  const filters: FilterValues = pick(search, DASHBOARD_FILTERS);
  const paging = pick(search, ['cursor', 'focus']);
  const mapMode: MapMode = MAP_MODES.find((m) => m === search.map) ?? 'consensus';

  const { since, dashboard, error, history, changes, focused, implemented } = await readSnapshot(async (q) => {
    const since = await lastEventId(q);
    const { data: dashboard, error } = await loadOrError(() => getDashboard(viewer, { ...filters, ...paging, limit: 50 }, q), EMPTY);
    const focusId = Number(paging.focus) || null;
    let focused = focusId ? dashboard.items.find((i) => i.id === focusId) : undefined;
    if (focusId && !focused) focused = await getInitiative(viewer, focusId, q).catch(() => undefined);
    return {
      since,
      dashboard,
      error,
      history: await statusHistory(viewer, undefined, q),
      changes: await changesSinceLastVisit(viewer, since, undefined, q),
      focused,
      implemented: mapMode === 'implementation' && !focused && !error ? await implementedByState(viewer, filters, q) : null,
    };
  });
  const view = await dashboardView({
    dashboard,
    history,
    changes,
    focused,
    filters,
    names,
    mapMode,
    implementedByState: implemented,
    mapHref: (mode) => `/dashboard?${new URLSearchParams({ ...filters, ...paging, ...(mode === 'consensus' ? {} : { map: mode }) })}`,
  });
  const query = (extra: Record<string, string>) => `?${new URLSearchParams({ ...filters, ...extra })}`;

  return (
    <div className="stack">
      <div className="spread">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('lead')}</p>
        </div>
        <LiveDashboard
          since={since}
          lastEventId={since}
          labels={await liveLabels()}
          words={await changeWords(names.states)}
          viewerId={viewer.id}
        />
      </div>
      <Totals {...view.totals} />
      <Filters {...view.filters} />
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
            <span className="small muted" role="status" data-testid="matching">
              {t('matching', { count: dashboard.matching })} · {t('sortedByChange')}
            </span>
          </div>
          {/* Before the matrix: after it, a keyboard reaches them only past two links per row. */}
          <p className="row small" data-testid="exports">
            <a href={`/api/v1/export/initiatives.csv${query({})}`}>{t('exportCsv')}</a>
            <a href={`/api/v1/export/initiatives.json${query({})}`}>{t('exportJson')}</a>
          </p>
          {dashboard.items.length === 0 ? <p className="empty">{t('empty')}</p> : <ConsensusMatrix {...view.matrix} />}
          {paging.cursor || dashboard.next ? (
            <p className="row small">
              {paging.cursor ? <a href={`/dashboard${query({})}`}>{t('firstPage')}</a> : null}
              {dashboard.next ? <a href={`/dashboard${query({ cursor: dashboard.next })}`}>{t('nextPage')}</a> : null}
            </p>
          ) : null}
        </section>
        <aside className="stack" aria-label={t('aside')}>
          <StanceMap {...view.map} />
          <Partners {...view.partners} />
          <Changes {...view.changes} />
        </aside>
      </div>
      <section aria-labelledby="chart-heading">
        <h2 id="chart-heading">{view.chart.title}</h2>
        <StatusChart {...view.chart} />
      </section>
    </div>
  );
}
