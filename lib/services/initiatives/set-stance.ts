import { sql } from 'drizzle-orm';
import { canSetStanceFor } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import type { Position } from '../../consensus/codes';
import { conflict, errorText, forbidden, invalid } from '../../errors';
import { appendEvent } from '../../events/append';
import { cancelJob, scheduleJob } from '../../scheduler/jobs';
import { parseInput, stateCode } from '../../validation/common';
import { AD_REFERENDUM_MAX_DAYS, setStanceInput } from '../../validation/initiatives';
import { countEndorsement } from '../dashboard/totals';
import type { WriteTx } from '../write';
import { dialectSql } from '../../../db/sql';
import { now } from '../../clock';
import type { Attribution } from '../../events/actor';
import { touchThread } from '../threads/thread-access';
import { applyConsensus } from './apply-consensus';
import { changeInitiative } from './change-initiative';
import { changeForOwnState } from './own-state-change';
import { LAPSE_JOB, lapseJobKey } from './job-keys';
import { breakSilenceIfRunning } from './silence';
import type { InitiativeView } from './serialize-initiative';

export interface StoredStance {
  position: Position;
  note: string | null;
  condition: string | null;
  adReferendum: number;
  confirmBy: string | null;
  chairNote: string | null;
  acceding: number;
}

export async function storedStance(tx: WriteTx, initiativeId: number, state: string): Promise<StoredStance | undefined> {
  return tx.get<StoredStance>(
    sql`SELECT position, note, condition, ad_referendum AS "adReferendum", confirm_by AS "confirmBy", chair_note AS "chairNote", acceding
        FROM stances WHERE initiative_id = ${initiativeId} AND state_code = ${state}`,
  );
}

/**
 * A state's delegate sets that state's stance: a reservation with its reason and perhaps a
 * condition, an endorsement outright or ad referendum (its lapse scheduled in the same
 * transaction), and perhaps a note only the chair reads. Taking a stance commits to nothing.
 */
export function setStance(
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
      schema: setStanceInput,
      allowed: canSetStanceFor,
      refusal: {
        facilitator: 'facilitatorNoStance',
        others: 'onlyDelegateStance',
      },
      check: (input) => {
        if (!input.confirmBy) return;
        const ahead = Date.parse(input.confirmBy) - Date.now();
        if (ahead <= 0) throw invalid('checkConfirmation', { confirmBy: 'confirmByPast' });
        if (ahead > AD_REFERENDUM_MAX_DAYS * 86_400_000)
          throw invalid('checkConfirmation', { confirmBy: errorText('atMostDaysAhead', { days: AD_REFERENDUM_MAX_DAYS }) });
      },
    },
    async ({ tx, thread, context, at }, input) => {
      const { state } = input;
      const current = await storedStance(tx, initiativeId, state);
      if (!current) throw conflict('stateJoinFirst', { state });
      const next = {
        position: input.position,
        note: input.note === undefined ? current.note : input.note || null,
        condition: input.position === 'reservation' ? input.condition || null : null,
        adReferendum: input.adReferendum ? 1 : 0,
        confirmBy: input.adReferendum ? input.confirmBy! : null,
        chairNote: input.chairNote === undefined ? current.chairNote : input.chairNote || null,
      };
      const publicChange =
        current.position !== next.position ||
        current.note !== next.note ||
        current.condition !== next.condition ||
        current.adReferendum !== next.adReferendum ||
        current.confirmBy !== next.confirmBy;
      if (!publicChange && current.chairNote === next.chairNote) return false;
      // An acceding state has acceded once it endorses: from then on it counts in the format.
      const acceding = current.acceding && next.position !== 'endorse' ? 1 : 0;
      const { version } = (await tx.get<{ version: number }>(sql`SELECT version FROM initiatives WHERE id = ${initiativeId}`))!;
      await tx.run(
        sql`UPDATE stances SET position = ${next.position}, note = ${next.note}, condition = ${next.condition},
              ad_referendum = ${next.adReferendum}, confirm_by = ${next.confirmBy}, chair_note = ${next.chairNote},
              set_at = ${at}, set_by = ${viewer.id}, acceding = ${acceding}, version = ${version}
            WHERE initiative_id = ${initiativeId} AND state_code = ${state}`,
      );
      if (next.adReferendum)
        await scheduleJob(tx, {
          kind: LAPSE_JOB,
          key: lapseJobKey(initiativeId, state),
          runAt: next.confirmBy!,
          payload: { confirmBy: next.confirmBy },
        });
      else if (current.adReferendum) await cancelJob(tx, LAPSE_JOB, lapseJobKey(initiativeId, state));
      // A reservation breaks a running silence procedure (stepping aside does not).
      if (next.position === 'reservation' && current.position !== 'reservation')
        await breakSilenceIfRunning(tx, initiativeId, context, { state, reason: 'reservation' });
      if (thread.visibility === 'open' && (current.position === 'endorse') !== (next.position === 'endorse')) {
        countEndorsement(tx, state, thread.topic, next.position === 'endorse' ? 1 : -1);
      }
      // The chair note travels in no event: others receive events, and it is not theirs to read.
      if (publicChange)
        appendEvent(tx, {
          type: 'stance.changed',
          initiativeId,
          ...context,
          payload: {
            state,
            from: current.position,
            to: next.position,
            note: next.note,
            condition: next.condition,
            adReferendum: Boolean(next.adReferendum),
            confirmBy: next.confirmBy,
            version,
          },
        });
    },
  );
}

/** The same state's delegate confirms an endorsement given ad referendum: the capital has agreed. */
export function confirmStance(viewer: Viewer, initiativeId: number, rawState: unknown): Promise<InitiativeView> {
  return changeInitiative(
    viewer,
    initiativeId,
    () => {
      const state = parseInput(stateCode, rawState);
      if (!canSetStanceFor(viewer, state)) throw forbidden('onlyDelegateConfirms', { state });
      return state;
    },
    async ({ tx, context }, state) => {
      const current = await storedStance(tx, initiativeId, state);
      if (!current) throw conflict('stateNotTakingPart', { state });
      if (current.position !== 'endorse' || !current.adReferendum) throw conflict('noAdReferendumToConfirm', { state });
      await tx.run(
        sql`UPDATE stances SET ad_referendum = 0, confirm_by = NULL WHERE initiative_id = ${initiativeId} AND state_code = ${state}`,
      );
      await cancelJob(tx, LAPSE_JOB, lapseJobKey(initiativeId, state));
      appendEvent(tx, { type: 'stance.confirmed', initiativeId, ...context, payload: { state, confirmBy: current.confirmBy } });
    },
  );
}

/**
 * Due at `confirmBy` (lib/services/initiatives/jobs.ts): an endorsement still unconfirmed lapses to
 * pending, by the system, with its consequences for consensus. Anything else that happened
 * meanwhile (confirmed, changed, the initiative gone) makes it a no-op; the reason is returned.
 */
export async function lapseStance(tx: WriteTx, initiativeId: number, state: string, confirmBy: string): Promise<string | null> {
  const row = await tx.get<{ threadId: number; attribution: Attribution; visibility: 'open' | 'discreet'; topic: string }>(
    sql`SELECT i.thread_id AS "threadId", t.attribution, t.visibility, t.topic
        FROM initiatives i JOIN threads t ON t.id = i.thread_id WHERE i.id = ${initiativeId}${dialectSql.forUpdate}`,
  );
  if (!row) return 'the initiative no longer exists';
  const current = await storedStance(tx, initiativeId, state);
  if (!current || current.position !== 'endorse' || !current.adReferendum || current.confirmBy !== confirmBy)
    return 'the endorsement was confirmed or changed meanwhile';
  const at = now();
  await tx.run(
    sql`UPDATE stances SET position = 'pending', ad_referendum = 0, confirm_by = NULL, set_at = ${at}, set_by = NULL
        WHERE initiative_id = ${initiativeId} AND state_code = ${state}`,
  );
  if (row.visibility === 'open') countEndorsement(tx, state, row.topic, -1);
  const context = { threadId: row.threadId, actor: null, attribution: row.attribution };
  appendEvent(tx, { type: 'stance.lapsed', initiativeId, ...context, payload: { state, from: 'endorse', to: 'pending', confirmBy } });
  await applyConsensus(tx, initiativeId, context);
  await touchThread(tx, row.threadId, at);
  return null;
}
