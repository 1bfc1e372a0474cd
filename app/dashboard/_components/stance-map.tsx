'use client';

export interface MapView {
  title: string;
  description: string;
  width: number;
  height: number;
  neighbours: string[];
  states: { code: string; d: string; x: number; y: number; fill: string; tooltip: string }[];
  legend: { color: string; text: string }[];
}

/** Central Asia from real geography, each state coloured by its stance or its endorsements. */
export function StanceMap({ title, description, width, height, neighbours, states, legend }: MapView) {
  return (
    <figure className="map-figure" data-testid="stance-map">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="map-title map-desc" className="map">
        <title id="map-title">{title}</title>
        <desc id="map-desc">{description}</desc>
        <rect width={width} height={height} fill="#dfeef2" />
        {neighbours.map((d, i) => (
          <path key={i} d={d} fill="#efece6" stroke="#c9c3b8" strokeWidth={0.6} />
        ))}
        {states.map((state) => (
          <g key={state.code} data-state={state.code}>
            <path d={state.d} fill={state.fill} stroke="#ffffff" strokeWidth={1.2}>
              <title>{state.tooltip}</title>
            </path>
            <text x={state.x} y={state.y} textAnchor="middle" className="map-label">
              {state.code}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="small">
        <strong>{title}</strong>
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
