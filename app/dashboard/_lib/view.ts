import 'server-only';
import { scaleBand, scaleLinear } from 'd3-scale';
import { stack } from 'd3-shape';
import { getFormatter, getTranslations } from 'next-intl/server';
import {
  CA_STATES,
  IMPLEMENTATION_STATUSES,
  POSITIONS,
  STATUSES,
  type ImplementationStatus,
  type Position,
  type StateCode,
  type Status,
} from '@/lib/consensus/codes';
import type { PublicActor } from '@/lib/events/types';
import { centralAsiaMap } from '@/lib/geo/central-asia';
import type { ReferenceNames } from '@/lib/reference/names';
import { CHANGES_COUNT_LIMIT, type Change } from '@/lib/services/dashboard/changes-since';
import { endorsementsByState, type Dashboard } from '@/lib/services/dashboard/get-dashboard';
import type { WeekCounts } from '@/lib/services/dashboard/status-history';
import type { InitiativeView } from '@/lib/services/initiatives/serialize-initiative';
import type { ChangesView } from '../_components/changes';
import type { ChartView } from '../_components/status-chart';
import type { FiltersView } from '../_components/filters';
import type { MapView } from '../_components/stance-map';
import type { MatrixView } from '../_components/matrix';
import type { Paint } from '../_components/patterns';
import { STANCE_ICONS } from '@/components/stance-icons';
import type { PartnersView } from '../_components/partners';
import type { TotalsView } from '../_components/totals';

/**
 * The dashboard as plain data for its client components: translated, formatted and laid out
 * (map and chart geometry included) on the server, so the browser receives no i18n runtime, no d3,
 * and a page of a few hundred bytes per row instead of a serialized component tree.
 */
export const STANCE_PAINT: Record<Position | 'absent', Paint> = {
  endorse: { color: '#1b6b3a', texture: 'solid' },
  reservation: { color: '#b07400', texture: 'stripes' },
  step_aside: { color: '#7d8790', texture: 'dots' },
  pending: { color: '#e9e4d8', texture: 'cross' },
  absent: { color: '#f6f3ec', texture: 'solid' },
};
/** Implementation by colour and texture: done solid, in progress striped, not started dotted. */
export const IMPLEMENTATION_PAINT: Record<ImplementationStatus, Paint> = {
  done: { color: '#1b6b3a', texture: 'solid' },
  in_progress: { color: '#2f6f9f', texture: 'stripes' },
  not_started: { color: '#e9e4d8', texture: 'dots' },
};
const SCALE = ['#f1ede4', '#cfe3dd', '#9ccabd', '#5fa796', '#2f7f6f', '#0f5257'];
const STATUS_PAINT: Record<Status, Paint> = {
  consultation: { color: '#4b5d6b', texture: 'dots' },
  reservations: { color: '#b07400', texture: 'stripes' },
  consensus: { color: '#1b6b3a', texture: 'solid' },
  formalized: { color: '#3a3f8f', texture: 'cross' },
};
const IMPLEMENTATION_MARK: Record<ImplementationStatus, string> = { done: '✓', in_progress: '…', not_started: '○' };
export const MAP_MODES = ['consensus', 'implementation'] as const;
export type MapMode = (typeof MAP_MODES)[number];
const POSITION_LETTER: Record<Position, string> = { endorse: 'e', reservation: 'r', step_aside: 's', pending: 'p' };
const round = (n: number) => Math.round(n * 10) / 10;

export const DASHBOARD_FILTERS = ['q', 'topic', 'status', 'format', 'state', 'partner', 'detail', 'implementation'] as const;
export type Filters = Partial<Record<(typeof DASHBOARD_FILTERS)[number], string>>;

export async function dashboardView(input: {
  dashboard: Dashboard;
  history: WeekCounts[];
  changes: { total: number; changes: Change[] };
  focused: InitiativeView | undefined;
  filters: Filters;
  names: ReferenceNames;
  /** The map coloured by implementation instead of consensus, with each state's figures when no initiative is focused. */
  mapMode: MapMode;
  implementedByState: Record<StateCode, { done: number; count: number }> | null;
  mapHref: (mode: MapMode) => string;
}) {
  const t = await getTranslations('Dashboard');
  const tc = await getTranslations('Common');
  const format = await getFormatter();
  const { dashboard, history, changes, focused, filters, names, mapMode, implementedByState, mapHref } = input;
  const href = (extra: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) params.set(k, v);
    const text = params.toString();
    return text ? `/dashboard?${text}` : '/dashboard';
  };
  const statusLabel = Object.fromEntries(STATUSES.map((s) => [s, tc(`status.${s}`)])) as Record<Status, string>;
  const positionLabel = Object.fromEntries(POSITIONS.map((p) => [p, tc(`position.${p}`)])) as Record<Position, string>;
  const implementationLabel = Object.fromEntries(IMPLEMENTATION_STATUSES.map((s) => [s, tc(`implementation.${s}`)])) as Record<
    ImplementationStatus,
    string
  >;
  const actor = (a: PublicActor | null) =>
    !a
      ? tc('system')
      : `${'name' in a ? `${a.name} (` : ''}${tc(`affiliation.${a.affiliation}`)}${a.state ? ` · ${a.state}` : ''}${'name' in a ? ')' : ''}`;

  const totals: TotalsView = {
    labels: {
      heading: t('totals'),
      byStatus: t('byStatus'),
      byFormat: t('byFormat'),
      byTopic: t('byTopic'),
      minusX: t('minusX'),
      plusX: t('plusX'),
    },
    all: t('allCount', { count: dashboard.totals.all }),
    byStatus: STATUSES.map((s) => ({ key: s, label: statusLabel[s], count: dashboard.totals.byStatus[s], href: href({ status: s }) })),
    byFormat: ['CA-2', 'CA-3', 'CA-4', 'CA-5'].map((f) => ({
      key: f,
      label: f,
      count: dashboard.totals.byFormat[f] ?? 0,
      href: href({ format: f }),
    })),
    minusX: dashboard.totals.minusX,
    plusX: dashboard.totals.plusX,
    byTopic: Object.entries(dashboard.totals.byTopic)
      .sort((a, b) => b[1] - a[1])
      .map(([topic, count]) => ({ key: topic, label: names.topics[topic] ?? topic, count, href: href({ topic }) })),
  };

  const option = (entries: [string, string][]) => entries;
  const filtersView: FiltersView = {
    labels: { heading: t('filters'), search: t('search'), any: t('any'), apply: t('apply'), clear: t('clear') },
    q: filters.q ?? '',
    selects: [
      { name: 'topic', label: t('topic'), value: filters.topic ?? '', options: option(Object.entries(names.topics)) },
      { name: 'status', label: t('status'), value: filters.status ?? '', options: option(STATUSES.map((s) => [s, statusLabel[s]])) },
      {
        name: 'format',
        label: t('format'),
        value: filters.format ?? '',
        options: option(['CA-2', 'CA-3', 'CA-4', 'CA-5'].map((f) => [f, f])),
      },
      { name: 'state', label: t('state'), value: filters.state ?? '', options: option(CA_STATES.map((s) => [s, names.states[s]])) },
      { name: 'partner', label: t('partner'), value: filters.partner ?? '', options: option(Object.entries(names.partners)) },
      {
        name: 'detail',
        label: t('detail'),
        value: filters.detail ?? '',
        options: option([
          ['ad_referendum', t('detailAdReferendum')],
          ['conditional', t('detailConditional')],
          ['silence', t('detailSilence')],
        ]),
      },
      {
        name: 'implementation',
        label: t('implementation'),
        value: filters.implementation ?? '',
        options: option([
          ...IMPLEMENTATION_STATUSES.map((s): [string, string] => [s, implementationLabel[s]]),
          ['overdue', t('implementationOverdue')],
        ]),
      },
    ],
    filtered: Object.keys(filters).length > 0,
  };

  const matrix: MatrixView = {
    rows: dashboard.items.map((item) => ({
      id: item.id,
      title: item.title,
      topic: names.topics[item.topic] ?? item.topic,
      status: item.status,
      provisional: item.provisional,
      silence: item.silence
        ? t('silenceRunning', { date: format.dateTime(new Date(item.silence.deadline), { dateStyle: 'medium', timeStyle: 'short' }) })
        : null,
      label: item.label,
      cells: CA_STATES.map((s) => {
        const stance = item.stances[s];
        if (!stance) return '-';
        if (stance.position === 'endorse' && stance.adReferendum) return 'a';
        if (stance.position === 'reservation' && stance.condition) return 'c';
        return POSITION_LETTER[stance.position];
      }).join(''),
      implementation: item.implementationStatus,
      reviewOverdue: item.reviewOverdue,
    })),
    states: CA_STATES.map((code) => ({ code, name: names.states[code] })),
    labels: {
      caption: t('matrixCaption'),
      initiative: t('initiative'),
      statusAndFormat: t('statusAndFormat'),
      showOnMap: t('showOnMap'),
      showOnMapOf: t.raw('showOnMapOf') as string,
      changed: (await getTranslations('Live'))('changed'),
      notTakingPart: t('notTakingPart'),
      provisional: tc('statusProvisional'),
      adReferendum: t('cellAdReferendum'),
      conditional: t('cellConditional'),
      adReferendumShort: t('cellAdReferendumShort'),
      conditionalShort: t('cellConditionalShort'),
      status: statusLabel,
      position: positionLabel,
      implementationHeading: t('implementation'),
      implementation: implementationLabel,
      notFormalized: t('notFormalized'),
      reviewOverdue: t('implementationOverdue'),
    },
    focusQuery: Object.keys(filters).length ? `${new URLSearchParams(filters as Record<string, string>)}&` : '',
  };

  const geometry = centralAsiaMap();
  const counts = endorsementsByState(dashboard.totals, filters.topic);
  const max = Math.max(1, ...Object.values(counts));
  const byImplementation = mapMode === 'implementation';
  const stateLook = (code: StateCode) => {
    if (byImplementation && focused) {
      const status = focused.implementation[code]?.status;
      return {
        paint: status ? IMPLEMENTATION_PAINT[status] : STANCE_PAINT.absent,
        mark: status ? IMPLEMENTATION_MARK[status] : '—',
        text: status ? implementationLabel[status] : t('notImplementing'),
      };
    }
    if (byImplementation) {
      const { done, count } = implementedByState?.[code] ?? { done: 0, count: 0 };
      const share = count ? done / count : 0;
      return {
        paint: { color: SCALE[Math.round(share * (SCALE.length - 1))], texture: 'solid' } as Paint,
        mark: `${done}/${count}`,
        text: t('implementedCount', { done, count }),
      };
    }
    if (focused) {
      const position = focused.stances[code]?.position;
      return {
        paint: STANCE_PAINT[position ?? 'absent'],
        mark: position ? STANCE_ICONS[position] : '—',
        text: position ? positionLabel[position] : t('notTakingPart'),
      };
    }
    return {
      paint: { color: SCALE[Math.round((counts[code] / max) * (SCALE.length - 1))], texture: 'solid' } as Paint,
      mark: String(counts[code]),
      text: t('endorsedCount', { count: counts[code] }),
    };
  };
  const mapTitle = byImplementation
    ? focused
      ? t('mapImplementation', { title: focused.title })
      : t('mapImplementationAll')
    : focused
      ? t('mapStances', { title: focused.title })
      : filters.topic
        ? t('mapEndorsementsTopic', { topic: names.topics[filters.topic] ?? filters.topic })
        : t('mapEndorsements');
  const map: MapView = {
    title: mapTitle,
    modes: {
      label: t('mapMode'),
      items: MAP_MODES.map((mode) => ({
        href: mapHref(mode),
        text: mode === 'implementation' ? t('mapByImplementation') : t('mapByConsensus'),
        current: mode === mapMode,
      })),
    },
    width: geometry.width,
    height: geometry.height,
    neighbours: geometry.neighbours,
    states: geometry.states.map((s) => {
      const look = stateLook(s.code);
      return {
        code: s.code,
        d: s.d,
        x: s.labelAt[0],
        y: s.labelAt[1],
        paint: look.paint,
        label: `${s.code} ${look.mark}`,
        text: `${names.states[s.code]}: ${look.text}`,
      };
    }),
    meaning:
      byImplementation && focused
        ? [
            ...IMPLEMENTATION_STATUSES.map((k) => ({
              paint: IMPLEMENTATION_PAINT[k],
              text: `${IMPLEMENTATION_MARK[k]} ${implementationLabel[k]}`,
            })),
            { paint: STANCE_PAINT.absent, text: `— ${t('notImplementing')}` },
          ]
        : focused
          ? (['endorse', 'reservation', 'step_aside', 'pending', 'absent'] as const).map((k) => ({
              paint: STANCE_PAINT[k],
              text: k === 'absent' ? `— ${t('notTakingPart')}` : `${STANCE_ICONS[k]} ${positionLabel[k]}`,
            }))
          : [],
  };

  const partners: PartnersView = {
    title: focused ? t('partnersOfInitiative') : t('partnersAll'),
    items: (focused
      ? focused.partners
      : Object.keys(dashboard.totals.byPartner).sort((a, b) => (dashboard.totals.byPartner[b] ?? 0) - (dashboard.totals.byPartner[a] ?? 0))
    ).map((code) => ({
      code,
      name: names.partners[code] ?? code,
      count: focused ? null : (dashboard.totals.byPartner[code] ?? 0),
    })),
    empty: t('noPartners'),
    back: focused ? { href: href({}), text: t('backToEndorsements') } : null,
  };

  const changesView: ChangesView = {
    title: t('changesTitle'),
    summary:
      changes.total === 0
        ? t('noChanges')
        : changes.total >= CHANGES_COUNT_LIMIT
          ? t('manyChanges', { count: CHANGES_COUNT_LIMIT })
          : t('changesCount', { count: changes.total }),
    items: changes.changes.map(({ event, initiativeTitle }) => {
      const p = event.payload as Record<string, string>;
      const what =
        event.type === 'stance.changed'
          ? `${p.state}: ${positionLabel[p.from as Position]} → ${positionLabel[p.to as Position]}`
          : event.type === 'status.changed'
            ? `${statusLabel[p.from as Status]} → ${statusLabel[p.to as Status]} (${p.label})`
            : event.type === 'implementation.changed'
              ? `${p.state}: ${t('implementation')} ${implementationLabel[p.from as ImplementationStatus]} → ${implementationLabel[p.to as ImplementationStatus]}`
              : t(`change.${event.type.replace('.', '_') as 'initiative_proposed'}`);
      return {
        id: event.id,
        href: event.initiativeId ? `/initiatives/${event.initiativeId}` : null,
        title: initiativeTitle ?? '',
        text: what,
        by: `${actor(event.actor)}, ${format.relativeTime(new Date(event.createdAt))}`,
      };
    }),
  };

  const chart = chartView(history, {
    title: t('chartTitle'),
    table: { toggle: t('chartTable'), week: t('week') },
    label: (week) => format.dateTime(new Date(`${week}T00:00:00Z`), { day: 'numeric', month: 'short', timeZone: 'UTC' }),
    statusLabel,
  });

  return { totals, filters: filtersView, matrix, map, partners, changes: changesView, chart };
}

function chartView(
  history: WeekCounts[],
  {
    title,
    table,
    label,
    statusLabel,
  }: { title: string; table: { toggle: string; week: string }; label: (week: string) => string; statusLabel: Record<Status, string> },
): ChartView {
  const width = 640;
  const height = 240;
  const margin = { top: 12, right: 12, bottom: 28, left: 36 };
  const series = stack<WeekCounts, Status>()
    .keys(STATUSES)
    .value((d, key) => d.counts[key])(history);
  const max = Math.max(1, ...history.map((w) => STATUSES.reduce((sum, s) => sum + w.counts[s], 0)));
  const x = scaleBand<string>()
    .domain(history.map((w) => w.week))
    .range([margin.left, width - margin.right])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([height - margin.bottom, margin.top]);
  return {
    title,
    width,
    height,
    grid: y.ticks(4).map((tick) => ({ y: round(y(tick)), label: String(tick), x1: margin.left, x2: width - margin.right })),
    bars: series.flatMap((layer) =>
      layer
        .filter((point) => point[1] > point[0])
        .map((point) => ({
          x: round(x(point.data.week) ?? 0),
          y: round(y(point[1])),
          w: round(x.bandwidth()),
          h: round(y(point[0]) - y(point[1])),
          paint: STATUS_PAINT[layer.key],
        })),
    ),
    ticks: history.flatMap((w, i) =>
      i % 2 === history.length % 2 ? [] : [{ x: round((x(w.week) ?? 0) + x.bandwidth() / 2), y: height - 8, label: label(w.week) }],
    ),
    legend: STATUSES.map((s) => ({ paint: STATUS_PAINT[s], text: statusLabel[s] })),
    table: {
      ...table,
      columns: STATUSES.map((s) => statusLabel[s]),
      rows: history.map((w) => ({ week: label(w.week), counts: STATUSES.map((s) => w.counts[s]) })),
    },
  };
}
