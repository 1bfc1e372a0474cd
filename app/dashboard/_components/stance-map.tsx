'use client';

import { useId } from 'react';
import { Legend, usePaints, type Paint } from './patterns';

export interface MapView {
  title: string;
  width: number;
  height: number;
  neighbours: string[];
  /** `label` is drawn on the state (its code and stance mark or count); `text` says the same in words. */
  states: { code: string; d: string; x: number; y: number; paint: Paint; label: string; text: string }[];
  /** What the paints mean, when they mean more than the words beside each state. */
  meaning: { paint: Paint; text: string }[];
  /** The toggle between colouring by consensus and by implementation (links: the view stays in the URL). */
  modes: { label: string; items: { href: string; text: string; current: boolean }[] };
}

/**
 * Central Asia from real geography, each state coloured, textured and labelled by its stance or its
 * endorsements. The picture is hidden from screen readers: the caption says the same in words,
 * state by state, readable without a mouse.
 */
export function StanceMap({ title, width, height, neighbours, states, meaning, modes }: MapView) {
  const { defs, fill } = usePaints(
    'map',
    states.map((s) => s.paint),
  );
  const titleId = useId();
  return (
    <figure className="map-figure" data-testid="stance-map" aria-labelledby={titleId}>
      <svg viewBox={`0 0 ${width} ${height}`} className="map" aria-hidden="true" focusable="false">
        {defs}
        <rect width={width} height={height} fill="#dfeef2" />
        {neighbours.map((d, i) => (
          <path key={i} d={d} fill="#efece6" stroke="#c9c3b8" strokeWidth={0.6} />
        ))}
        {states.map((state) => (
          <g key={state.code} data-state={state.code}>
            <path d={state.d} fill={fill(state.paint)} stroke="#ffffff" strokeWidth={1.2}>
              <title>{state.text}</title>
            </path>
            <text x={state.x} y={state.y} textAnchor="middle" className="map-label">
              {state.label}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="small">
        <p className="row map-modes" data-testid="map-modes">
          <span className="muted">{modes.label}:</span>
          {modes.items.map((mode) => (
            <a key={mode.href} href={mode.href} aria-current={mode.current ? 'true' : undefined}>
              {mode.text}
            </a>
          ))}
        </p>
        <strong id={titleId}>{title}</strong>
        <Legend items={states.map((s) => ({ paint: s.paint, text: s.text, state: s.code }))} data-testid="map-states" />
        {meaning.length ? <Legend items={meaning} className="muted" data-testid="map-key" /> : null}
      </figcaption>
    </figure>
  );
}
