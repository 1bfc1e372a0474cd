import { prepared } from '../../../db/client';
import { canEditInitiative } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import type { StateCode } from '../../consensus/codes';
import { conflict, forbidden } from '../../errors';
import { appendEvent } from '../../events/append';
import { parseInput } from '../../validation/common';
import { editInitiativeInput } from '../../validation/initiatives';
import { countEndorsement } from '../dashboard/totals';
import { changeInitiative } from './change-initiative';
import type { InitiativeView } from './serialize-initiative';

/**
 * Edits the text or openness. A state endorses a text, not a title: changing the title or summary
 * after any state endorsed puts those states back to `pending`, and the timeline says why.
 */
export function editInitiative(viewer: Viewer, id: number, rawInput: unknown): InitiativeView {
  return changeInitiative(
    viewer,
    id,
    (initiative) => {
      const input = parseInput(editInitiativeInput, rawInput);
      if (!canEditInitiative(viewer, initiative.createdBy)) throw forbidden('Only the proposer or a facilitator edits an initiative');
      return input;
    },
    ({ thread, context, at }, input) => {
      const current = prepared(
        'SELECT title, summary, open_to_join AS openToJoin, formalized_at AS formalizedAt FROM initiatives WHERE id = ?',
      ).get(id) as { title: string; summary: string; openToJoin: number; formalizedAt: string | null };
      if (current.formalizedAt) throw conflict('A formalized initiative is no longer edited');
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (input.title !== undefined && input.title !== current.title) changes.title = { from: current.title, to: input.title };
      if (input.summary !== undefined && input.summary !== current.summary) changes.summary = { from: current.summary, to: input.summary };
      if (input.openToJoin !== undefined && input.openToJoin !== Boolean(current.openToJoin)) {
        changes.openToJoin = { from: Boolean(current.openToJoin), to: input.openToJoin };
      }
      if (Object.keys(changes).length === 0) return false;

      prepared('UPDATE initiatives SET title = ?, summary = ?, open_to_join = ?, updated_at = ? WHERE id = ?').run(
        input.title ?? current.title,
        input.summary ?? current.summary,
        input.openToJoin === undefined ? current.openToJoin : input.openToJoin ? 1 : 0,
        at,
        id,
      );
      const textChanged = Boolean(changes.title || changes.summary);
      const reset = textChanged
        ? (prepared(`SELECT state_code AS state, note FROM stances WHERE initiative_id = ? AND position = 'endorse'`).all(id) as {
            state: StateCode;
            note: string | null;
          }[])
        : [];
      appendEvent({
        type: 'initiative.edited',
        initiativeId: id,
        ...context,
        payload: { changes, resetStates: reset.map((r) => r.state) },
      });
      for (const { state, note } of reset) {
        if (thread.visibility === 'open') countEndorsement(state, thread.topic, -1);
        prepared(`UPDATE stances SET position = 'pending', set_at = ?, set_by = NULL WHERE initiative_id = ? AND state_code = ?`).run(
          at,
          id,
          state,
        );
        appendEvent({
          type: 'stance.changed',
          initiativeId: id,
          ...context,
          payload: { state, from: 'endorse', to: 'pending', note, reason: 'text_edited' },
        });
      }
    },
  );
}
