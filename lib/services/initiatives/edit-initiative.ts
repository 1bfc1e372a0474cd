import { sql } from 'drizzle-orm';
import { canEditInitiative } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import type { StateCode } from '../../consensus/codes';
import { conflict, forbidden } from '../../errors';
import { appendEvent } from '../../events/append';
import { parseInput } from '../../validation/common';
import { editInitiativeInput } from '../../validation/initiatives';
import { cancelJob } from '../../scheduler/jobs';
import { countEndorsement } from '../dashboard/totals';
import { reindex } from '../search/index-writes';
import type { WriteTx } from '../write';
import { LAPSE_JOB, lapseJobKey } from './job-keys';
import { breakSilenceIfRunning } from './silence';
import { changeInitiative } from './change-initiative';
import { authorizeReviewDate, setReviewDate } from './implementation';
import type { InitiativeView } from './serialize-initiative';

/**
 * Edits the text or openness. A state endorses a text, not a title: changing the title or summary
 * after any state endorsed puts those states back to `pending`, and the timeline says why. A
 * review date (`reviewAt`, alone) is no edit of the text: a facilitator's, on a formalized initiative.
 */
export function editInitiative(viewer: Viewer, id: number, rawInput: unknown): Promise<InitiativeView> {
  return changeInitiative(
    viewer,
    id,
    (initiative) => {
      const input = parseInput(editInitiativeInput, rawInput);
      if (input.reviewAt !== undefined) {
        authorizeReviewDate(viewer);
        return input;
      }
      if (!canEditInitiative(viewer, initiative.createdBy)) throw forbidden('onlyProposerEdits');
      return input;
    },
    async (change, input) => {
      if (input.reviewAt !== undefined) return setReviewDate(change, id, input.reviewAt);
      const { tx, thread, context, at } = change;
      const current = (await tx.get<{ title: string; summary: string; openToJoin: number; formalizedAt: string | null }>(
        sql`SELECT title, summary, open_to_join AS "openToJoin", formalized_at AS "formalizedAt" FROM initiatives WHERE id = ${id}`,
      ))!;
      if (current.formalizedAt) throw conflict('formalizedNoEdit');
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (input.title !== undefined && input.title !== current.title) changes.title = { from: current.title, to: input.title };
      if (input.summary !== undefined && input.summary !== current.summary) changes.summary = { from: current.summary, to: input.summary };
      if (input.openToJoin !== undefined && input.openToJoin !== Boolean(current.openToJoin)) {
        changes.openToJoin = { from: Boolean(current.openToJoin), to: input.openToJoin };
      }
      if (Object.keys(changes).length === 0) return false;

      const openToJoin = input.openToJoin === undefined ? current.openToJoin : input.openToJoin ? 1 : 0;
      await tx.run(
        sql`UPDATE initiatives SET title = ${input.title ?? current.title}, summary = ${input.summary ?? current.summary},
              open_to_join = ${openToJoin}, updated_at = ${at} WHERE id = ${id}`,
      );
      const textChanged = Boolean(changes.title || changes.summary);
      if (textChanged) {
        const text = { title: input.title ?? current.title, body: input.summary ?? current.summary };
        await reindex(tx, { kind: 'initiative', id, threadId: thread.id, ...text });
      }
      // Each new text is a version of its own: stances record the one they were set on.
      const version = textChanged ? await recordVersion(tx, id, viewer.id, at) : undefined;
      // A state endorses a text: a new text is not adopted by a silence asked about the old one.
      if (textChanged) await breakSilenceIfRunning(tx, id, context, { reason: 'text_edited' });
      const reset = textChanged
        ? await tx.all<{ state: StateCode; note: string | null }>(
            sql`SELECT state_code AS state, note FROM stances WHERE initiative_id = ${id} AND position = 'endorse' ORDER BY state_code`,
          )
        : [];
      appendEvent(tx, {
        type: 'initiative.edited',
        initiativeId: id,
        ...context,
        payload: { changes, resetStates: reset.map((r) => r.state), ...(version ? { version } : {}) },
      });
      for (const { state, note } of reset) {
        if (thread.visibility === 'open') countEndorsement(tx, state, thread.topic, -1);
        await tx.run(
          sql`UPDATE stances SET position = 'pending', ad_referendum = 0, confirm_by = NULL, set_at = ${at}, set_by = NULL
              WHERE initiative_id = ${id} AND state_code = ${state}`,
        );
        await cancelJob(tx, LAPSE_JOB, lapseJobKey(id, state));
        appendEvent(tx, {
          type: 'stance.changed',
          initiativeId: id,
          ...context,
          payload: { state, from: 'endorse', to: 'pending', note, reason: 'text_edited' },
        });
      }
    },
    // A formalized text's review date is set after its room is archived, too.
    { whileArchived: (input) => input.reviewAt !== undefined },
  );
}

/** The initiative's text as it now stands becomes its next version. */
async function recordVersion(tx: WriteTx, id: number, editorId: number, at: string): Promise<number> {
  const { version } = (await tx.get<{ version: number }>(
    sql`UPDATE initiatives SET version = version + 1 WHERE id = ${id} RETURNING version`,
  ))!;
  await tx.run(
    sql`INSERT INTO initiative_versions (initiative_id, version, title, summary, edited_by, created_at)
        SELECT id, version, title, summary, ${editorId}, ${at} FROM initiatives WHERE id = ${id}`,
  );
  return version;
}
