import { sql, type SQL } from 'drizzle-orm';
import { canReportImplementationFor, canSetReviewDate } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import type { ImplementationStatus, Position } from '../../consensus/codes';
import type { ImplementationFilter } from '../../consensus/implementation';
import { conflict, forbidden } from '../../errors';
import { appendEvent } from '../../events/append';
import { setImplementationInput } from '../../validation/initiatives';
import type { InitiativeChange } from './change-initiative';
import { changeForOwnState } from './own-state-change';
import type { InitiativeView } from './serialize-initiative';

/** SQL over `s` (stances): the states that carry out a formalized initiative (lib/consensus/implementation.ts). */
const IMPLEMENTING = sql.raw(`s.position <> 'step_aside' AND s.acceding = 0`);

/**
 * A state's delegate reports how far that state has carried out a formalized initiative. Only the
 * states in A report: one that stepped aside did not commit to the text, one acceding has not yet
 * acceded (409 for both, as for a state outside the initiative). Written with its event in one
 * transaction; the same status and note again writes nothing.
 */
export function setImplementation(
  viewer: Viewer,
  initiativeId: number,
  rawState: unknown,
  rawInput: unknown,
  opId?: string,
): Promise<InitiativeView> {
  return changeForOwnState(
    viewer,
    initiativeId,
    { state: rawState, input: rawInput, opId },
    {
      schema: setImplementationInput,
      allowed: canReportImplementationFor,
      refusal: {
        facilitator: 'facilitatorNoImplementation',
        others: 'onlyDelegateImplementation',
      },
      whileArchived: true,
    },
    async ({ tx, context, at }, { state, status, note }) => {
      const initiative = (await tx.get<{ formalizedAt: string | null }>(
        sql`SELECT formalized_at AS "formalizedAt" FROM initiatives WHERE id = ${initiativeId}`,
      ))!;
      if (!initiative.formalizedAt) throw conflict('onlyFormalizedImplemented');
      const stance = await tx.get<{ position: Position; acceding: number }>(
        sql`SELECT position, acceding FROM stances WHERE initiative_id = ${initiativeId} AND state_code = ${state}`,
      );
      if (!stance) throw conflict('stateNotTakingPart', { state });
      if (stance.position === 'step_aside') throw conflict('steppedAsideNoImplement', { state });
      if (stance.acceding) throw conflict('notAcceded', { state });
      const current = await tx.get<{ status: ImplementationStatus; note: string | null }>(
        sql`SELECT status, note FROM implementations WHERE initiative_id = ${initiativeId} AND state_code = ${state}`,
      );
      const from = current?.status ?? 'not_started';
      const nextNote = note === undefined ? (current?.note ?? null) : note || null;
      if (current && current.status === status && current.note === nextNote) return false;
      if (!current && status === 'not_started' && nextNote === null) return false;
      await tx.run(
        sql`INSERT INTO implementations (initiative_id, state_code, status, note, set_at, set_by)
            VALUES (${initiativeId}, ${state}, ${status}, ${nextNote}, ${at}, ${viewer.id})
            ON CONFLICT (initiative_id, state_code) DO UPDATE SET status = ${status}, note = ${nextNote}, set_at = ${at}, set_by = ${viewer.id}`,
      );
      appendEvent(tx, {
        type: 'implementation.changed',
        initiativeId,
        ...context,
        payload: { state, from, to: status, note: nextNote },
      });
    },
  );
}

/** Only a facilitator sets a review date (PATCH /api/v1/initiatives/:id {reviewAt}). */
export function authorizeReviewDate(viewer: Viewer): void {
  if (!canSetReviewDate(viewer)) throw forbidden('onlyFacilitatorReviewDate');
}

/**
 * The date a facilitator reviews a formalized initiative's implementation (null clears it). The
 * text is untouched: no new version, no `initiative.edited`, and nothing said to a silence.
 */
export async function setReviewDate({ tx, context }: InitiativeChange, initiativeId: number, reviewAt: string | null): Promise<boolean> {
  const current = (await tx.get<{ formalizedAt: string | null; reviewAt: string | null }>(
    sql`SELECT formalized_at AS "formalizedAt", review_at AS "reviewAt" FROM initiatives WHERE id = ${initiativeId}`,
  ))!;
  if (!current.formalizedAt) throw conflict('onlyFormalizedReviewed');
  if (current.reviewAt === reviewAt) return false;
  await tx.run(sql`UPDATE initiatives SET review_at = ${reviewAt} WHERE id = ${initiativeId}`);
  appendEvent(tx, { type: 'implementation.review_set', initiativeId, ...context, payload: { reviewAt, from: current.reviewAt } });
  return true;
}

/** SQL over `i` (initiatives): formalized initiatives whose implementation as a whole matches the filter. */
export function implementationFilterSql(filter: ImplementationFilter, today: string): SQL {
  const notDoneSomewhere = sql`EXISTS (SELECT 1 FROM stances s WHERE s.initiative_id = i.id AND ${IMPLEMENTING}
    AND NOT EXISTS (SELECT 1 FROM implementations m WHERE m.initiative_id = i.id AND m.state_code = s.state_code AND m.status = 'done'))`;
  const started = sql`EXISTS (SELECT 1 FROM stances s JOIN implementations m ON m.initiative_id = s.initiative_id AND m.state_code = s.state_code
    WHERE s.initiative_id = i.id AND ${IMPLEMENTING} AND m.status <> 'not_started')`;
  const formalized = sql`i.formalized_at IS NOT NULL`;
  switch (filter) {
    case 'done':
      return sql`(${formalized} AND NOT ${notDoneSomewhere})`;
    case 'in_progress':
      return sql`(${formalized} AND ${started} AND ${notDoneSomewhere})`;
    case 'not_started':
      return sql`(${formalized} AND NOT ${started} AND ${notDoneSomewhere})`;
    case 'overdue':
      return sql`(${formalized} AND i.review_at IS NOT NULL AND i.review_at < ${today} AND ${notDoneSomewhere})`;
  }
}
