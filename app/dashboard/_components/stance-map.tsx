import { useTranslations } from 'next-intl';
import type { Position, StateCode } from '@/lib/consensus/codes';
import { centralAsiaMap } from '@/lib/geo/central-asia';

const STANCE_FILL: Record<Position | 'absent', string> = {
  endorse: '#1b6b3a',
  reservation: '#b07400',
  step_aside: '#7d8790',
  pending: '#e9e4d8',
  absent: '#f6f3ec',
};
const SCALE = ['#f1ede4', '#cfe3dd', '#9ccabd', '#5fa796', '#2f7f6f', '#0f5257'];

export type MapMode =
  | { kind: 'stances'; title: string; stances: Partial<Record<StateCode, Position>> }
  | { kind: 'endorsements'; title: string; counts: Record<StateCode, number> };

/** Central Asia, each state coloured by its stance on one initiative or by its endorsements. */
export function StanceMap({ mode, names }: { mode: MapMode; names: Record<string, string> }) {
  const t = useTranslations('Dashboard');
  const tc = useTranslations('Common');
  const map = centralAsiaMap();
  const max = mode.kind === 'endorsements' ? Math.max(1, ...Object.values(mode.counts)) : 1;
  const describe = (code: StateCode) => {
    if (mode.kind === 'stances') {
      const position = mode.stances[code];
      return { fill: STANCE_FILL[position ?? 'absent'], text: position ? tc(`position.${position}`) : t('notTakingPart') };
    }
    const count = mode.counts[code];
    return { fill: SCALE[Math.round((count / max) * (SCALE.length - 1))], text: t('endorsedCount', { count }) };
  };
  return (
    <figure className="map-figure" data-testid="stance-map">
      <svg viewBox={`0 0 ${map.width} ${map.height}`} role="img" aria-labelledby="map-title map-desc" className="map">
        <title id="map-title">{mode.title}</title>
        <desc id="map-desc">{map.states.map((s) => `${names[s.code]}: ${describe(s.code).text}`).join('; ')}</desc>
        <rect width={map.width} height={map.height} fill="#dfeef2" />
        {map.neighbours.map((d, i) => (
          <path key={i} d={d} fill="#efece6" stroke="#c9c3b8" strokeWidth={0.6} />
        ))}
        {map.states.map((state) => {
          const { fill, text } = describe(state.code);
          return (
            <g key={state.code} data-state={state.code}>
              <path d={state.d} fill={fill} stroke="#ffffff" strokeWidth={1.2}>
                <title>{`${names[state.code]}: ${text}`}</title>
              </path>
              <text x={state.labelAt[0]} y={state.labelAt[1]} textAnchor="middle" className="map-label">
                {state.code}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="small">
        <strong>{mode.title}</strong>
        <ul className="list-plain row legend">
          {mode.kind === 'stances'
            ? (['endorse', 'reservation', 'step_aside', 'pending', 'absent'] as const).map((key) => (
                <li key={key} className="row">
                  <span className="swatch" style={{ background: STANCE_FILL[key] }} aria-hidden="true" />
                  {key === 'absent' ? t('notTakingPart') : tc(`position.${key}`)}
                </li>
              ))
            : map.states.map((s) => (
                <li key={s.code} className="row">
                  <span className="swatch" style={{ background: describe(s.code).fill }} aria-hidden="true" />
                  {s.code}: {mode.counts[s.code]}
                </li>
              ))}
        </ul>
      </figcaption>
    </figure>
  );
}
