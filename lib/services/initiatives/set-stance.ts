import { prepared } from '../../../db/client';
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
export function setStance(viewer: Viewer, initiativeId: number, rawState: unknown, rawInput: unknown, opId?: string): InitiativeView {
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
    ({ thread, context, at }, input) => {
      const { state } = input;
      const current = prepared('SELECT position, note, acceding FROM stances WHERE initiative_id = ? AND state_code = ?').get(
        initiativeId,
        state,
      ) as { position: Position; note: string | null; acceding: number } | undefined;
      if (!current) throw conflict(`${state} does not take part in this initiative; join it first`);
      const note = input.note === undefined ? current.note : input.note || null;
      if (current.position === input.position && current.note === note) return false;
      // An acceding state has acceded once it endorses: from then on it counts in the format.
      const acceding = current.acceding && input.position !== 'endorse' ? 1 : 0;
      prepared(
        'UPDATE stances SET position = ?, note = ?, set_at = ?, set_by = ?, acceding = ? WHERE initiative_id = ? AND state_code = ?',
      ).run(input.position, note, at, viewer.id, acceding, initiativeId, state);
      if (thread.visibility === 'open' && (current.position === 'endorse') !== (input.position === 'endorse')) {
        countEndorsement(state, thread.topic, input.position === 'endorse' ? 1 : -1);
      }
      appendEvent({
        type: 'stance.changed',
        initiativeId,
        ...context,
        payload: { state, from: current.position, to: input.position, note },
      });
    },
    { operation: opId ? { viewer, opId } : undefined },
  );
}
