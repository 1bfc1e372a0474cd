import { IMPLEMENTATION_STATUSES, type ImplementationStatus, type Position, type StateCode } from './codes';

/** The dashboard's implementation filter: an initiative's status as a whole, or a review past due. */
export const IMPLEMENTATION_FILTERS = [...IMPLEMENTATION_STATUSES, 'overdue'] as const;
export type ImplementationFilter = (typeof IMPLEMENTATION_FILTERS)[number];

/**
 * The states that carry out a formalized initiative: those in A, the ones the format counts — a
 * state that stepped aside did not commit to it, and one acceding has not acceded until it endorses.
 */
export function implementingStates(stances: readonly { state: StateCode; position: Position; acceding: boolean }[]): StateCode[] {
  return stances.filter((s) => s.position !== 'step_aside' && !s.acceding).map((s) => s.state);
}

/**
 * An initiative's implementation as a whole: `not_started` while no state has started, `done` once
 * every implementing state is done, `in_progress` between; its review is overdue once the review
 * date (a day, compared in UTC) has passed and not every state is done.
 */
export function implementationSummary(
  statuses: readonly ImplementationStatus[],
  reviewAt: string | null,
  today: string,
): { status: ImplementationStatus; overdue: boolean } {
  const done = statuses.every((s) => s === 'done');
  const status: ImplementationStatus = done ? 'done' : statuses.some((s) => s !== 'not_started') ? 'in_progress' : 'not_started';
  return { status, overdue: reviewAt !== null && reviewAt < today && !done };
}

/** Today as the review dates are written (YYYY-MM-DD, UTC). */
export const todayOf = (instant: string) => instant.slice(0, 10);
