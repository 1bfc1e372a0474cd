import { sql } from 'drizzle-orm';
import { canSetStanceFor, isFacilitator } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import type { Position } from '../../consensus/codes';
import { conflict, forbidden } from '../../errors';
import { appendEvent } from '../../events/append';
import { parseInput, stateCode } from '../../validation/common';
import { setStanceInput } from '../../validation/initiatives';
import { countEndorsement } from '../dashboard/totals';
import { changeInitiative } from './change-initiative';
import type { InitiativeView } from './serialize-initiative';

/** A state's delegate sets that state's stance (with an optional note); taking a stance commits to nothing. */
export function setStance(
  viewer: Viewer,
  initiativeId: number,
  rawState: unknown,
  rawInput: unknown,
  opId?: string,
): Promise<InitiativeView> {
  return changeInitiative(
    viewer,
    initiativeId,
    () => {
      const state = parseInput(stateCode, rawState);
      const input = parseInput(setStanceInput, rawInput);
      if (!canSetStanceFor(viewer, state)) {
        throw forbidden(
          isFacilitator(viewer) ? 'A facilitator never sets a state’s stance' : `Only a verified delegate of ${state} sets its stance`,
        );
      }
      return { state, ...input };
    },
    async ({ tx, thread, context, at }, input) => {
      const { state } = input;
      const current = await tx.get<{ position: Position; note: string | null; acceding: number }>(
        sql`SELECT position, note, acceding FROM stances WHERE initiative_id = ${initiativeId} AND state_code = ${state}`,
      );
      if (!current) throw conflict(`${state} does not take part in this initiative; join it first`);
      const note = input.note === undefined ? current.note : input.note || null;
      if (current.position === input.position && current.note === note) return false;
      // An acceding state has acceded once it endorses: from then on it counts in the format.
      const acceding = current.acceding && input.position !== 'endorse' ? 1 : 0;
      await tx.run(
        sql`UPDATE stances SET position = ${input.position}, note = ${note}, set_at = ${at}, set_by = ${viewer.id}, acceding = ${acceding}
            WHERE initiative_id = ${initiativeId} AND state_code = ${state}`,
      );
      if (thread.visibility === 'open' && (current.position === 'endorse') !== (input.position === 'endorse')) {
        countEndorsement(tx, state, thread.topic, input.position === 'endorse' ? 1 : -1);
      }
      appendEvent(tx, {
        type: 'stance.changed',
        initiativeId,
        ...context,
        payload: { state, from: current.position, to: input.position, note },
      });
    },
    { operation: opId ? { viewer, opId } : undefined },
  );
}
