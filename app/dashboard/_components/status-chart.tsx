'use client';

import { Legend, usePaints, type Paint } from './patterns';

export interface ChartView {
  title: string;
  width: number;
  height: number;
  grid: { y: number; x1: number; x2: number; label: string }[];
  bars: { x: number; y: number; w: number; h: number; paint: Paint }[];
  ticks: { x: number; y: number; label: string }[];
  legend: { paint: Paint; text: string }[];
  /** The same figures as a table: the accessible form of the chart, and the exact numbers for anyone. */
  table: { toggle: string; week: string; columns: string[]; rows: { week: string; counts: number[] }[] };
}

/**
 * Initiatives per status at the end of each week, stacked. The layout comes computed from the
 * server (d3-scale and d3-shape run there); this only draws it, and gives the figures as a table.
 */
export function StatusChart({ title, width, height, grid, bars, ticks, legend, table }: ChartView) {
  const { defs, fill } = usePaints(
    'chart',
    legend.map((l) => l.paint),
  );
  return (
    <figure data-testid="status-chart">
      <svg viewBox={`0 0 ${width} ${height}`} className="chart" aria-hidden="true" focusable="false">
        {defs}
        {grid.map((line) => (
          <g key={line.label}>
            <line x1={line.x1} x2={line.x2} y1={line.y} y2={line.y} stroke="#e2ddd3" />
            <text x={line.x1 - 6} y={line.y + 4} textAnchor="end" className="chart-tick">
              {line.label}
            </text>
          </g>
        ))}
        {bars.map((bar, i) => (
          <rect key={i} x={bar.x} y={bar.y} width={bar.w} height={bar.h} fill={fill(bar.paint)} stroke="#ffffff" strokeWidth={0.5} />
        ))}
        {ticks.map((tick) => (
          <text key={tick.label + tick.x} x={tick.x} y={tick.y} textAnchor="middle" className="chart-tick">
            {tick.label}
          </text>
        ))}
      </svg>
      <figcaption className="small">
        <Legend items={legend} aria-hidden="true" />
        <details data-testid="chart-table">
          <summary>{table.toggle}</summary>
          <div className="table-scroll">
            <table className="figures">
              <caption className="vh">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{table.week}</th>
                  {table.columns.map((column) => (
                    <th key={column} scope="col">
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row) => (
                  <tr key={row.week}>
                    <th scope="row">{row.week}</th>
                    {row.counts.map((count, i) => (
                      <td key={i}>{count}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </figcaption>
    </figure>
  );
}
