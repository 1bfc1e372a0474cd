/** The five Central Asian states, in the order every list and label uses. */
export const CA_STATES = ['KZ', 'KG', 'TJ', 'TM', 'UZ'] as const;
export type StateCode = (typeof CA_STATES)[number];

export const POSITIONS = ['pending', 'endorse', 'reservation', 'step_aside'] as const;
export type Position = (typeof POSITIONS)[number];

export const STATUSES = ['consultation', 'reservations', 'consensus', 'formalized'] as const;
export type Status = (typeof STATUSES)[number];

export const FORMATS = ['CA-0', 'CA-1', 'CA-2', 'CA-3', 'CA-4', 'CA-5'] as const;
export type Format = (typeof FORMATS)[number];

export const AFFILIATIONS = ['government', 'expert', 'civil_society', 'partner', 'observer'] as const;
export type Affiliation = (typeof AFFILIATIONS)[number];

export const ROLES = ['participant', 'facilitator'] as const;
export type Role = (typeof ROLES)[number];

export function isStateCode(value: string): value is StateCode {
  return (CA_STATES as readonly string[]).includes(value);
}

export function sortStates<T extends StateCode>(states: Iterable<T>): T[] {
  return [...states].sort((a, b) => CA_STATES.indexOf(a) - CA_STATES.indexOf(b));
}

/** The levels of the region's meetings, from heads of state to track-2 tables. */
export const MEETING_LEVELS = ['summit', 'ministerial', 'senior_officials', 'expert', 'track2'] as const;
export type MeetingLevel = (typeof MEETING_LEVELS)[number];

/** How far a state has carried out a formalized initiative. */
export const IMPLEMENTATION_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];
