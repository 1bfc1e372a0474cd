'use client';

import { useId } from 'react';

/**
 * A fill told apart by its pattern as well as its colour: some stance and status colours are
 * too close for readers who do not see colour (WCAG 1.4.1), so each series also has a texture.
 */
export type Texture = 'solid' | 'stripes' | 'dots' | 'cross';
export interface Paint {
  color: string;
  texture: Texture;
}

/** The `<pattern>` for a paint, with the id a shape fills itself with (`url(#id)`). */
export function PaintPattern({ id, paint }: { id: string; paint: Paint }) {
  const ink = isLight(paint.color) ? 'rgb(0 0 0 / 40%)' : 'rgb(255 255 255 / 70%)';
  return (
    <pattern
      id={id}
      width={6}
      height={6}
      patternUnits="userSpaceOnUse"
      patternTransform={paint.texture === 'stripes' ? 'rotate(45)' : undefined}
    >
      <rect width={6} height={6} fill={paint.color} />
      {paint.texture === 'stripes' ? <rect width={2} height={6} fill={ink} /> : null}
      {paint.texture === 'dots' ? <circle cx={3} cy={3} r={1.2} fill={ink} /> : null}
      {paint.texture === 'cross' ? <path d="M0 0L6 6M6 0L0 6" stroke={ink} strokeWidth={1} /> : null}
    </pattern>
  );
}

/** The legend's sample of a paint, drawn with the same pattern as the shapes. */
export function Swatch({ paint }: { paint: Paint }) {
  const id = useId();
  return (
    <svg
      className="swatch"
      width={14}
      height={14}
      aria-hidden="true"
      focusable="false"
      data-color={paint.color}
      data-texture={paint.texture}
    >
      <defs>
        <PaintPattern id={id} paint={paint} />
      </defs>
      <rect width={14} height={14} fill={`url(#${id})`} />
    </svg>
  );
}

/** A legend: each paint's swatch beside its words. */
export function Legend({
  items,
  className = '',
  ...props
}: { items: { paint: Paint; text: string; state?: string }[]; className?: string } & Record<`data-${string}` | `aria-${string}`, string>) {
  return (
    <ul className={`list-plain row legend ${className}`} {...props}>
      {items.map((item) => (
        <li key={item.text} className="row" data-state={item.state}>
          <Swatch paint={item.paint} />
          {item.text}
        </li>
      ))}
    </ul>
  );
}

/** The patterns a picture uses, once each, and the fill for a paint in it. */
export function usePaints(prefix: string, paints: Paint[]) {
  const unique = [...new Map(paints.map((p) => [`${p.color}-${p.texture}`, p])).values()];
  const idOf = (p: Paint) => `${prefix}-${p.color.slice(1)}-${p.texture}`;
  return {
    defs: (
      <defs>
        {unique.map((p) => (
          <PaintPattern key={idOf(p)} id={idOf(p)} paint={p} />
        ))}
      </defs>
    ),
    fill: (p: Paint) => (p.texture === 'solid' ? p.color : `url(#${idOf(p)})`),
  };
}

function isLight(hex: string): boolean {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.299 * r + 0.587 * g + 0.114 * b > 160;
}
