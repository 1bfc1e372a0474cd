import { describe, expect, it } from 'vitest';
import { CA_STATES, POSITIONS, type Position, type StateCode } from './codes';
import { seededRandom, seedFrom, type SeededRandom } from '../../tests/helpers/random';
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
 * The rules restated independently of the implementation, by counting and filtering in the
 * canonical order of PRODUCT.md: acceding states (joined after formalization, not yet endorsed)
 * count nowhere; the others are active unless they stepped aside; reservations win over
 * everything but formalization; consensus needs every active state (at least two) to endorse.
 */
interface Case {
  states: StateCode[];
  positions: Position[];
  acceding: boolean[];
  adReferendum: boolean[];
  formalized: boolean;
  partners: string[];
}

function expected({ states, positions, acceding, adReferendum, formalized, partners }: Case) {
  const counted = (s: StateCode) => !acceding[states.indexOf(s)];
  const positionOf = (s: StateCode) => positions[states.indexOf(s)];
  const active = CA_STATES.filter((s) => states.includes(s) && counted(s) && positionOf(s) !== 'step_aside');
  const minus = CA_STATES.filter((s) => states.includes(s) && counted(s) && positionOf(s) === 'step_aside');
  const activePositions = active.map(positionOf);
  const status = formalized
    ? 'formalized'
    : activePositions.includes('reservation')
      ? 'reservations'
      : active.length >= 2 && activePositions.every((p) => p === 'endorse')
        ? 'consensus'
        : 'consultation';
  const plus = [...new Set(partners)].sort();
  const label = `CA-${active.length}${minus.length ? ` minus ${minus.join(', ')}` : ''}${plus.length ? ` + ${plus.join(', ')}` : ''}`;
  // Provisional: a consensus in which some active state's endorsement awaits its capital.
  const provisional = status === 'consensus' && active.some((s) => adReferendum[states.indexOf(s)]);
  return { status, format: `CA-${active.length}`, active, minus, plus, label, provisional };
}

/** Every ad referendum flag a stance can have: only an endorsement is given ad referendum. */
function adReferendumChoices(positions: Position[]): boolean[][] {
  let choices: boolean[][] = [[]];
  for (const position of positions) {
    const options = position === 'endorse' ? [false, true] : [false];
    choices = choices.flatMap((rest) => options.map((a) => [...rest, a]));
  }
  return choices;
}

/** Every acceding flag a stance can have: only after formalization, and never once endorsed. */
function accedingChoices(positions: Position[], formalized: boolean): boolean[][] {
  let choices: boolean[][] = [[]];
  for (const position of positions) {
    const options = formalized && position !== 'endorse' ? [false, true] : [false];
    choices = choices.flatMap((rest) => options.map((a) => [...rest, a]));
  }
  return choices;
}

/** Partner lists as a form or a script may send them: none, one, several, out of order, repeated. */
const PARTNER_LISTS = [[], ['EU'], ['JP', 'EU'], ['V4', 'CN', 'EU', 'JP'], ['EU', 'EU'], ['UN', 'AF', 'UN', 'AF', 'KR']];

function shuffled<T>(items: readonly T[], random: SeededRandom): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.integer(0, i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

describe('evaluateConsensus, exhaustively', () => {
  it('matches the restated rules for every subset of two to five states × every combination of positions × formalized or not × every reachable acceding flag, with stances and partners shuffled', () => {
    const random = seededRandom(seedFrom('CONSENSUS_SEED'));
    const mismatches: string[] = [];
    let cases = 0;
    for (const states of subsets(2)) {
      for (const positions of assignments(states.length)) {
        for (const formalized of [false, true]) {
          for (const acceding of accedingChoices(positions, formalized)) {
            for (const adReferendum of adReferendumChoices(positions)) {
              const c: Case = {
                states,
                positions,
                acceding,
                adReferendum,
                formalized,
                partners: PARTNER_LISTS[cases % PARTNER_LISTS.length],
              };
              cases++;
              // The function gets the stances and partners in a random order: sorting is its job.
              const stances = shuffled(
                states.map((state, i) => ({ state, position: positions[i], acceding: acceding[i], adReferendum: adReferendum[i] })),
                random,
              );
              const got = evaluateConsensus({ stances, partners: shuffled(c.partners, random), formalized });
              const want = expected(c);
              const gotView = {
                status: got.status,
                format: got.format,
                active: got.active,
                minus: got.minus,
                plus: got.plus,
                label: got.label,
                provisional: got.provisional,
              };
              if (JSON.stringify(gotView) !== JSON.stringify(want)) {
                mismatches.push(
                  `${JSON.stringify(stances)} partners=${c.partners} formalized=${formalized}: got ${JSON.stringify(gotView)}`,
                );
              }
              if (canFormalize(got) !== (want.status === 'consensus' && !want.provisional))
                mismatches.push(`${JSON.stringify(stances)}: canFormalize ${canFormalize(got)}`);
            }
          }
        }
      }
    }
    // Not formalized: each state endorses (outright or ad referendum) or takes one of three other
    // positions, Σ C(5,n)·5ⁿ = 7,750 combinations. Formalized: those two endorsements, or one of three
    // other positions with or without acceding, so Σ C(5,n)·8ⁿ = 59,008.
    const notFormalized = [2, 3, 4, 5].reduce((sum, n) => sum + binomial(5, n) * 5 ** n, 0);
    const formalized = [2, 3, 4, 5].reduce((sum, n) => sum + binomial(5, n) * 8 ** n, 0);
    expect([notFormalized, formalized]).toEqual([7750, 59008]);
    expect(cases).toBe(notFormalized + formalized);
    console.log(`consensus: ${cases} cases checked (seed ${random.seed})`);
    expect(mismatches.slice(0, 10), `seed ${random.seed}`).toEqual([]);
  });
});

function binomial(n: number, k: number): number {
  return k === 0 ? 1 : (binomial(n - 1, k - 1) * n) / k;
}

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
    expect(canFormalize({ status: 'consensus', provisional: false })).toBe(true);
    expect(canFormalize({ status: 'consensus', provisional: true })).toBe(false);
    for (const status of ['consultation', 'reservations', 'formalized'] as const)
      expect(canFormalize({ status, provisional: false })).toBe(false);
  });
});
