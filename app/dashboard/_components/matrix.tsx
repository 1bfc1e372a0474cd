'use client';

import type { ImplementationStatus, Position, Status } from '@/lib/consensus/codes';
import { useChangedRows } from './changed-rows';

/** One row, compact: the page's weight is 50 of these. `cells` has one letter per state, in CA order. */
export interface MatrixRow {
  id: number;
  title: string;
  topic: string;
  status: Status;
  /** Consensus ad referendum. */
  provisional: boolean;
  /** "silence until …" while a silence procedure runs. */
  silence: string | null;
  label: string;
  /** e endorse, a endorse ad referendum, r reservation, c reservation with a condition, s step aside, p pending, - not taking part. */
  cells: string;
  /** The implementation as a whole once formalized (null before), and whether its review is overdue. */
  implementation: ImplementationStatus | null;
  reviewOverdue: boolean;
}

export interface MatrixLabels {
  caption: string;
  initiative: string;
  statusAndFormat: string;
  /** "Show {title} on the map", the link's name for screen readers. */
  showOnMapOf: string;
  showOnMap: string;
  notTakingPart: string;
  changed: string;
  provisional: string;
  /** Full words for screen readers, and a short visible mark beside the icon. */
  adReferendum: string;
  conditional: string;
  adReferendumShort: string;
  conditionalShort: string;
  status: Record<Status, string>;
  position: Record<Position, string>;
  implementationHeading: string;
  implementation: Record<ImplementationStatus, string>;
  notFormalized: string;
  reviewOverdue: string;
}

const LETTER: Record<string, Position | null> = {
  e: 'endorse',
  a: 'endorse',
  r: 'reservation',
  c: 'reservation',
  s: 'step_aside',
  p: 'pending',
  '-': null,
};

/**
 * Initiatives × the five states. A client component only to keep the page light: its props are a
 * few hundred bytes a row, where a server-rendered tree would travel twice (HTML and RSC).
 * Each cell shows the stance by icon and colour (CSS) and by text for screen readers; a cell is
 * found as `[data-row="<id>"] td:nth-child(<state index + 3>)`.
 */
export interface MatrixView {
  rows: MatrixRow[];
  states: { code: string; name: string }[];
  labels: MatrixLabels;
  /** The current filters as a query prefix (`topic=water&`), kept by the "show on the map" links. */
  focusQuery: string;
}

export function ConsensusMatrix({ rows, states, labels, focusQuery }: MatrixView) {
  const changed = useChangedRows();
  return (
    <div className="table-scroll">
      <table className="matrix" data-testid="matrix">
        <caption className="vh">{labels.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labels.initiative}</th>
            <th scope="col">{labels.statusAndFormat}</th>
            {states.map((s) => (
              <th key={s.code} scope="col" className="state-col">
                <span aria-hidden="true" title={s.name}>
                  {s.code}
                </span>
                <span className="vh">{s.name}</span>
              </th>
            ))}
            <th scope="col">{labels.implementationHeading}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-row={row.id}>
              <th scope="row">
                <a href={`/initiatives/${row.id}`}>{row.title}</a>
                {changed.has(row.id) ? <span className="badge badge-changed">{labels.changed}</span> : null}
                <span className="sub">
                  {row.topic} ·{' '}
                  <a href={`/dashboard?${focusQuery}focus=${row.id}`} aria-label={labels.showOnMapOf.replace('{title}', row.title)}>
                    {labels.showOnMap}
                  </a>
                </span>
              </th>
              <td>
                <span className={`badge status status-${row.status}${row.provisional ? ' status-provisional' : ''}`}>
                  {row.provisional ? labels.provisional : labels.status[row.status]}
                </span>{' '}
                <span className="format-label">{row.label}</span>
                {row.silence ? (
                  <span className="sub" data-testid="silence-running">
                    {row.silence}
                  </span>
                ) : null}
              </td>
              {states.map((s, i) => {
                const letter = row.cells[i];
                const position = LETTER[letter];
                const detail = letter === 'a' ? 'ad-referendum' : letter === 'c' ? 'conditional' : undefined;
                return (
                  <td key={s.code} data-position={position ?? 'absent'} data-detail={detail}>
                    <span className="vh">
                      {letter === 'a'
                        ? labels.adReferendum
                        : letter === 'c'
                          ? labels.conditional
                          : position
                            ? labels.position[position]
                            : labels.notTakingPart}
                    </span>
                    {detail ? (
                      <span className="cell-detail" aria-hidden="true">
                        {letter === 'a' ? labels.adReferendumShort : labels.conditionalShort}
                      </span>
                    ) : null}
                  </td>
                );
              })}
              <td data-implementation={row.implementation ?? 'none'}>
                {row.implementation ? (
                  <span className={`implementation implementation-${row.implementation}`}>{labels.implementation[row.implementation]}</span>
                ) : (
                  <span className="muted" title={labels.notFormalized}>
                    <span aria-hidden="true">—</span>
                    <span className="vh">{labels.notFormalized}</span>
                  </span>
                )}
                {row.reviewOverdue ? (
                  <span className="badge badge-overdue" data-testid="review-overdue">
                    {labels.reviewOverdue}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
