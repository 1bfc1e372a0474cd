'use client';

export interface ChartView {
  title: string;
  description: string;
  width: number;
  height: number;
  grid: { y: number; x1: number; x2: number; label: string }[];
  bars: { x: number; y: number; w: number; h: number; fill: string }[];
  ticks: { x: number; y: number; label: string }[];
  legend: { color: string; text: string }[];
}

/**
 * Initiatives per status at the end of each week, stacked. The layout comes computed from the
 * server (d3-scale and d3-shape run there); this only draws it.
 */
export function StatusChart({ title, description, width, height, grid, bars, ticks, legend }: ChartView) {
  return (
    <figure data-testid="status-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="chart-title chart-desc" className="chart">
        <title id="chart-title">{title}</title>
        <desc id="chart-desc">{description}</desc>
        {grid.map((line) => (
          <g key={line.label}>
            <line x1={line.x1} x2={line.x2} y1={line.y} y2={line.y} stroke="#e2ddd3" />
            <text x={line.x1 - 6} y={line.y + 4} textAnchor="end" className="chart-tick">
              {line.label}
            </text>
          </g>
        ))}
        {bars.map((bar, i) => (
          <rect key={i} x={bar.x} y={bar.y} width={bar.w} height={bar.h} fill={bar.fill} />
        ))}
        {ticks.map((tick) => (
          <text key={tick.label + tick.x} x={tick.x} y={tick.y} textAnchor="middle" className="chart-tick">
            {tick.label}
          </text>
        ))}
      </svg>
      <figcaption className="small">
        <ul className="list-plain row legend">
          {legend.map((item) => (
            <li key={item.text} className="row">
              <span className="swatch" style={{ background: item.color }} aria-hidden="true" />
              {item.text}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
