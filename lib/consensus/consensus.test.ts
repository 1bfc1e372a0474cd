import { describe, expect, it } from 'vitest';
import { CA_STATES, POSITIONS, type Position, type StateCode } from './codes';
import { canFormalize, evaluateConsensus } from './consensus';

/** Every subset of the five states with at least `min` members. */
function subsets(min: number): StateCode[][] {
  const result: StateCode[][] = [];
  for (let mask = 0; mask < 1 << CA_STATES.length; mask++) {
    const subset = CA_STATES.filter((_, i) => mask & (1 << i));
    if (subset.length >= min) result.push(subset);
  }
  return result;
}

/** Every assignment of the four positions to `count` states. */
function assignments(count: number): Position[][] {
  if (count === 0) return [[]];
  return assignments(count - 1).flatMap((rest) => POSITIONS.map((p) => [p, ...rest]));
}

/**
 * The rules restated independently of the implementation, by counting:
 * reservations win over everything but formalization; consensus needs every active state
 * (at least two) to endorse, i.e. no pending and no reservation among them.
 */
function expected(positions: Position[], states: StateCode[], formalized: boolean, partners: string[]) {
  const count = (p: Position) => positions.filter((x) => x === p).length;
  const stepped = count('step_aside');
  const activeCount = positions.length - stepped;
  const status = formalized
    ? 'formalized'
    : count('reservation') > 0
      ? 'reservations'
      : count('endorse') >= 2 && count('pending') === 0
        ? 'consensus'
        : 'consultation';
  const minus = CA_STATES.filter((s) => states.includes(s) && positions[states.indexOf(s)] === 'step_aside');
  const sortedPartners = [...partners].sort();
  const label =
    'CA-' +
    activeCount +
    (minus.length ? ' minus ' + minus.join(', ') : '') +
    (sortedPartners.length ? ' + ' + sortedPartners.join(', ') : '');
  return { status, format: 'CA-' + activeCount, minus, label };
}

describe('evaluateConsensus, exhaustively', () => {
  it('matches the restated rules for every subset of two to five states × every combination of positions × formalized or not', () => {
    const partnerSets = [[], ['EU'], ['JP', 'EU']];
    const mismatches: string[] = [];
    let cases = 0;
    for (const states of subsets(2)) {
      for (const positions of assignments(states.length)) {
        for (const formalized of [false, true]) {
          const partners = partnerSets[cases++ % partnerSets.length];
          const stances = states.map((state, i) => ({ state, position: positions[i] }));
          const want = expected(positions, states, formalized, partners);
          const got = evaluateConsensus({ stances, partners, formalized });
          const gotView = { status: got.status, format: got.format, minus: got.minus, label: got.label };
          if (JSON.stringify(gotView) !== JSON.stringify(want)) {
            mismatches.push(`${states.join('')} ${positions.join(',')} formalized=${formalized}: got ${got.label} ${got.status}`);
          }
        }
      }
    }
    // C(5,2)·4² + C(5,3)·4³ + C(5,4)·4⁴ + C(5,5)·4⁵ = 3104 stance combinations, each with and without formalization.
    expect(cases).toBe(3104 * 2);
    expect(mismatches).toEqual([]);
  });
});

describe("the chapter's cases", () => {
  it('a CA-2 (Kazakhstan–Uzbekistan visas) that Kyrgyzstan joins later becomes CA-3, pending', () => {
    const ca2 = evaluateConsensus({
      stances: [
        { state: 'KZ', position: 'endorse' },
        { state: 'UZ', position: 'endorse' },
      ],
      partners: [],
      formalized: false,
    });
    expect(ca2).toMatchObject({ status: 'consensus', format: 'CA-2', label: 'CA-2' });

    const joined = evaluateConsensus({
      stances: [
        { state: 'KZ', position: 'endorse' },
        { state: 'UZ', position: 'endorse' },
        { state: 'KG', position: 'pending' },
      ],
      partners: [],
      formalized: false,
    });
    expect(joined).toMatchObject({ status: 'consultation', format: 'CA-3', active: ['KZ', 'KG', 'UZ'] });
  });

  it('a CA-5 with Turkmenistan stepping aside is a CA-4 minus TM consensus, not blocked', () => {
    const result = evaluateConsensus({
      stances: CA_STATES.map((state) => ({ state, position: state === 'TM' ? 'step_aside' : 'endorse' })),
      partners: [],
      formalized: false,
    });
    expect(result).toMatchObject({ status: 'consensus', format: 'CA-4', minus: ['TM'], label: 'CA-4 minus TM' });
  });

  it('a CA+X with the EU and Japan reads "CA-4 minus TM + EU, JP"', () => {
    const result = evaluateConsensus({
      stances: CA_STATES.map((state) => ({ state, position: state === 'TM' ? 'step_aside' : 'pending' })),
      partners: ['JP', 'EU'],
      formalized: false,
    });
    expect(result).toMatchObject({ status: 'consultation', plus: ['EU', 'JP'], label: 'CA-4 minus TM + EU, JP' });
  });

  it('one reservation holds consensus back even when everyone else endorses', () => {
    const result = evaluateConsensus({
      stances: [
        { state: 'KZ', position: 'endorse' },
        { state: 'KG', position: 'reservation' },
        { state: 'TJ', position: 'endorse' },
      ],
      partners: [],
      formalized: false,
    });
    expect(result.status).toBe('reservations');
  });

  it('a lone active state is no consensus: CA-1 minus the one that stepped aside', () => {
    const result = evaluateConsensus({
      stances: [
        { state: 'KZ', position: 'endorse' },
        { state: 'TJ', position: 'step_aside' },
      ],
      partners: [],
      formalized: false,
    });
    expect(result).toMatchObject({ status: 'consultation', label: 'CA-1 minus TJ' });
  });

  it('an acceding state counts in the format of a formalized initiative only once it endorses', () => {
    const base = [
      { state: 'KZ' as const, position: 'endorse' as const },
      { state: 'UZ' as const, position: 'endorse' as const },
    ];
    const acceding = evaluateConsensus({
      stances: [...base, { state: 'TJ', position: 'pending', acceding: true }],
      partners: [],
      formalized: true,
    });
    expect(acceding).toMatchObject({ status: 'formalized', format: 'CA-2', label: 'CA-2' });
    const acceded = evaluateConsensus({
      stances: [...base, { state: 'TJ', position: 'endorse', acceding: false }],
      partners: [],
      formalized: true,
    });
    expect(acceded).toMatchObject({ status: 'formalized', format: 'CA-3' });
  });

  it('formalization is allowed only from consensus', () => {
    expect(canFormalize('consensus')).toBe(true);
    for (const status of ['consultation', 'reservations', 'formalized'] as const) expect(canFormalize(status)).toBe(false);
  });
});
