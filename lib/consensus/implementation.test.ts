import { describe, expect, it } from 'vitest';
import { IMPLEMENTATION_STATUSES, type ImplementationStatus } from './codes';
import { implementationSummary, implementingStates } from './implementation';

describe('implementing states', () => {
  it('are the states in A: not stepped aside, not acceding', () => {
    expect(
      implementingStates([
        { state: 'KZ', position: 'endorse', acceding: false },
        { state: 'KG', position: 'pending', acceding: true },
        { state: 'TJ', position: 'step_aside', acceding: false },
        { state: 'UZ', position: 'endorse', acceding: false },
      ]),
    ).toEqual(['KZ', 'UZ']);
  });
});

describe('implementation as a whole', () => {
  const today = '2027-05-10';
  // Every combination of three states' statuses, against the rule said in words.
  const combinations: ImplementationStatus[][] = IMPLEMENTATION_STATUSES.flatMap((a) =>
    IMPLEMENTATION_STATUSES.flatMap((b) => IMPLEMENTATION_STATUSES.map((c) => [a, b, c])),
  );
  for (const statuses of combinations) {
    it(`${statuses.join(', ')}`, () => {
      const allDone = statuses.filter((s) => s === 'done').length === statuses.length;
      const noneStarted = statuses.filter((s) => s === 'not_started').length === statuses.length;
      const expected = allDone ? 'done' : noneStarted ? 'not_started' : 'in_progress';
      expect(implementationSummary(statuses, null, today)).toEqual({ status: expected, overdue: false });
      expect(implementationSummary(statuses, '2027-05-09', today).overdue).toBe(!allDone);
      expect(implementationSummary(statuses, today, today).overdue).toBe(false);
      expect(implementationSummary(statuses, '2027-06-01', today).overdue).toBe(false);
    });
  }
});
