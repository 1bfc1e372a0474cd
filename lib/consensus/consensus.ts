import { sortStates, type Format, type Position, type StateCode, type Status } from './codes';

/**
 * The consensus rules of PRODUCT.md, as one pure function (no database, no clock):
 * the server writes its result with every change, and the client may use it for instant feedback.
 */
export interface StanceInput {
  state: StateCode;
  position: Position;
  /** Joined after formalization and not yet endorsed: not counted in the format until it endorses. */
  acceding?: boolean;
  /** An endorsement pending the capital's confirmation. */
  adReferendum?: boolean;
}

export interface ConsensusInput {
  stances: readonly StanceInput[];
  partners: readonly string[];
  formalized: boolean;
}

export interface ConsensusResult {
  status: Status;
  format: Format;
  /** A = P \ S: the participating states that did not step aside (acceding ones excluded). */
  active: StateCode[];
  /** S: the states that stepped aside ("minus X"). */
  minus: StateCode[];
  /** The external partners ("+ X"). */
  plus: string[];
  /** e.g. "CA-4 minus TM + EU, JP". */
  label: string;
  /** Consensus that rests on an endorsement ad referendum: "consensus ad referendum", not yet formalizable. */
  provisional: boolean;
}

export function evaluateConsensus({ stances, partners, formalized }: ConsensusInput): ConsensusResult {
  const counted = stances.filter((s) => !s.acceding);
  const minus = sortStates(counted.filter((s) => s.position === 'step_aside').map((s) => s.state));
  const activeStances = counted.filter((s) => s.position !== 'step_aside');
  const active = sortStates(activeStances.map((s) => s.state));
  const plus = [...new Set(partners)].sort();

  let status: Status;
  if (formalized) status = 'formalized';
  else if (activeStances.some((s) => s.position === 'reservation')) status = 'reservations';
  else if (activeStances.length >= 2 && activeStances.every((s) => s.position === 'endorse')) status = 'consensus';
  else status = 'consultation';

  const provisional = status === 'consensus' && activeStances.some((s) => s.position === 'endorse' && s.adReferendum === true);
  const format = `CA-${active.length}` as Format;
  return { status, format, active, minus, plus, label: formatLabel(format, minus, plus), provisional };
}

export function formatLabel(format: string, minus: readonly string[], plus: readonly string[]): string {
  let label = format;
  if (minus.length > 0) label += ` minus ${minus.join(', ')}`;
  if (plus.length > 0) label += ` + ${plus.join(', ')}`;
  return label;
}

/** Formalization is allowed only from consensus, and not while it rests on an unconfirmed endorsement. */
export function canFormalize({ status, provisional }: { status: Status; provisional: boolean }): boolean {
  return status === 'consensus' && !provisional;
}
