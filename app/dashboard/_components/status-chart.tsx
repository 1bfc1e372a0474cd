import { scaleBand, scaleLinear } from 'd3-scale';
import { stack } from 'd3-shape';
import { useFormatter, useTranslations } from 'next-intl';
import { STATUSES, type Status } from '@/lib/consensus/codes';
import type { WeekCounts } from '@/lib/services/dashboard/status-history';

const round = (n: number) => Math.round(n * 10) / 10;
const COLORS: Record<Status, string> = { consultation: '#4b5d6b', reservations: '#b07400', consensus: '#1b6b3a', formalized: '#3a3f8f' };

/**
 * Initiatives per status at the end of each week, as stacked bars drawn on the server with d3's
 * scales and stack layout: an SVG in the page and no charting code in the browser.
 */
export function StatusChart({ history }: { history: WeekCounts[] }) {
  const t = useTranslations('Dashboard');
  const tc = useTranslations('Common');
  const format = useFormatter();
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
  const label = (week: string) => format.dateTime(new Date(`${week}T00:00:00Z`), { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return (
    <figure data-testid="status-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="chart-title" className="chart">
        <title id="chart-title">{t('chartTitle')}</title>
        <desc>
          {history
            .filter((w) => STATUSES.some((s) => w.counts[s] > 0))
            .map((w) => `${label(w.week)}: ${STATUSES.map((s) => `${tc(`status.${s}`)} ${w.counts[s]}`).join(', ')}`)
            .join('; ')}
        </desc>
        {y.ticks(4).map((tick) => (
          <g key={tick}>
            <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} stroke="#e2ddd3" />
            <text x={margin.left - 6} y={y(tick) + 4} textAnchor="end" className="chart-tick">
              {tick}
            </text>
          </g>
        ))}
        {series.map((layer) => (
          <g key={layer.key} fill={COLORS[layer.key]}>
            {layer
              .filter((point) => point[1] > point[0])
              .map((point) => (
                <rect
                  key={point.data.week}
                  x={round(x(point.data.week) ?? 0)}
                  width={round(x.bandwidth())}
                  y={round(y(point[1]))}
                  height={round(Math.max(0, y(point[0]) - y(point[1])))}
                />
              ))}
          </g>
        ))}
        {history.map((w, i) =>
          i % 2 === history.length % 2 ? null : (
            <text key={w.week} x={round((x(w.week) ?? 0) + x.bandwidth() / 2)} y={height - 8} textAnchor="middle" className="chart-tick">
              {label(w.week)}
            </text>
          ),
        )}
      </svg>
      <figcaption className="small">
        <ul className="list-plain row legend">
          {STATUSES.map((s) => (
            <li key={s} className="row">
              <span className="swatch" style={{ background: COLORS[s] }} aria-hidden="true" />
              {tc(`status.${s}`)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
