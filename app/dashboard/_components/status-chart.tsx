import { scaleBand, scaleLinear } from 'd3-scale';
import { stack } from 'd3-shape';
import { useFormatter, useTranslations } from 'next-intl';
import { STATUSES, type Status } from '@/lib/consensus/codes';
import type { WeekCounts } from '@/lib/services/dashboard/status-history';

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
            {layer.map((point) => (
              <rect
                key={point.data.week}
                x={x(point.data.week)}
                width={x.bandwidth()}
                y={y(point[1])}
                height={Math.max(0, y(point[0]) - y(point[1]))}
              >
                <title>{`${label(point.data.week)} — ${tc(`status.${layer.key}`)}: ${point.data.counts[layer.key]}`}</title>
              </rect>
            ))}
          </g>
        ))}
        {history.map((w, i) =>
          i % 2 === history.length % 2 ? null : (
            <text key={w.week} x={(x(w.week) ?? 0) + x.bandwidth() / 2} y={height - 8} textAnchor="middle" className="chart-tick">
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
        <details>
          <summary>{t('chartTable')}</summary>
          <table className="stance-table">
            <thead>
              <tr>
                <th scope="col">{t('week')}</th>
                {STATUSES.map((s) => (
                  <th key={s} scope="col">
                    {tc(`status.${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {history.map((w) => (
                <tr key={w.week}>
                  <th scope="row">{label(w.week)}</th>
                  {STATUSES.map((s) => (
                    <td key={s}>{w.counts[s]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
