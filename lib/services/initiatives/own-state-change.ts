import type { z } from 'zod';
import { isFacilitator } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import type { StateCode } from '../../consensus/codes';
import { type ErrorKey, forbidden } from '../../errors';
import { parseInput, stateCode } from '../../validation/common';
import { changeInitiative, type InitiativeChange } from './change-initiative';
import type { InitiativeView } from './serialize-initiative';

/** Who may make a change for a state, and what the others are told. */
export interface OwnStateRule<T extends z.ZodType<object>> {
  schema: T;
  allowed: (viewer: Viewer, state: StateCode) => boolean;
  /** Why a facilitator may not (they never act for a state), and why anyone else may not. */
  refusal: { facilitator: ErrorKey; others: ErrorKey };
  /** Checks of the parsed input beyond its schema (those that need the clock), before the transaction. */
  check?: (input: z.infer<T>) => void;
  /** Goes on after the room is archived (implementation of a formalized text). */
  whileArchived?: boolean;
}

/**
 * A change to an initiative that a state's own delegate makes for that state (its stance, its
 * implementation): the state in the path and the body parsed (400), the rule checked (403), then
 * the change in the initiative's transaction (`changeInitiative`), applied once per operation id.
 */
export function changeForOwnState<T extends z.ZodType<object>>(
  viewer: Viewer,
  initiativeId: number,
  raw: { state: unknown; input: unknown; opId?: string },
  rule: OwnStateRule<T>,
  change: (write: InitiativeChange, input: z.infer<T> & { state: StateCode }) => Promise<boolean | void>,
): Promise<InitiativeView> {
  return changeInitiative(
    viewer,
    initiativeId,
    () => {
      const state = parseInput(stateCode, raw.state);
      const input = parseInput(rule.schema, raw.input);
      if (!rule.allowed(viewer, state))
        throw isFacilitator(viewer) ? forbidden(rule.refusal.facilitator) : forbidden(rule.refusal.others, { state });
      rule.check?.(input);
      return { ...input, state };
    },
    change,
    { operation: raw.opId ? { viewer, opId: raw.opId } : undefined, whileArchived: () => rule.whileArchived ?? false },
  );
}
