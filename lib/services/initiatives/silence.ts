import { sql } from 'drizzle-orm';
import { dialectSql } from '../../../db/sql';
import { canSetStanceFor, isFacilitator } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { readEnv } from '../../env';
import { conflict, errorText, forbidden, invalid } from '../../errors';
import type { Attribution } from '../../events/actor';
import { appendEvent } from '../../events/append';
import { cancelJob, scheduleJob } from '../../scheduler/jobs';
import { parseInput } from '../../validation/common';
import { breakSilenceInput, SILENCE_MAX_DAYS, startSilenceInput } from '../../validation/initiatives';
import { countEndorsement } from '../dashboard/totals';
import { touchThread } from '../threads/thread-access';
import type { WriteTx } from '../write';
import { applyConsensus, evaluateStored } from './apply-consensus';
import { changeInitiative } from './change-initiative';
import type { InitiativeView } from './serialize-initiative';
import { LAPSE_JOB, lapseJobKey, SILENCE_JOB } from './job-keys';

type EventContext = { threadId: number; actor: Viewer | null; attribution: Attribution };

async function runningDeadline(tx: WriteTx, initiativeId: number): Promise<string | null> {
  const row = await tx.get<{ deadline: string | null }>(
    sql`SELECT silence_deadline AS deadline FROM initiatives WHERE id = ${initiativeId}`,
  );
  return row?.deadline ?? null;
}

/**
 * A facilitator puts the text to a silence procedure: adopted at the deadline unless a state in A
 * breaks silence. Allowed when the initiative is not formalized, no active state holds a
 * reservation, at least two states are active and no procedure runs.
 */
export function startSilence(viewer: Viewer, initiativeId: number, rawInput: unknown): Promise<InitiativeView> {
  return changeInitiative(
    viewer,
    initiativeId,
    () => {
      if (!isFacilitator(viewer)) throw forbidden('onlyFacilitatorSilence');
      const { deadline } = parseInput(startSilenceInput, rawInput);
      const ahead = Date.parse(deadline) - Date.now();
      const minimum = readEnv().SILENCE_MIN_SECONDS;
      if (ahead < minimum * 1000) throw invalid('checkDeadline', { deadline: errorText('atLeastSecondsAhead', { seconds: minimum }) });
      if (ahead > SILENCE_MAX_DAYS * 86_400_000)
        throw invalid('checkDeadline', { deadline: errorText('atMostDaysAhead', { days: SILENCE_MAX_DAYS }) });
      return deadline;
    },
    async ({ tx, context, at }, deadline) => {
      const row = (await tx.get<{ formalizedAt: string | null; deadline: string | null }>(
        sql`SELECT formalized_at AS "formalizedAt", silence_deadline AS deadline FROM initiatives WHERE id = ${initiativeId}`,
      ))!;
      if (row.formalizedAt) throw conflict('formalizedNoSilence');
      if (row.deadline) throw conflict('silenceRunning');
      const consensus = await evaluateStored(tx, initiativeId);
      if (consensus.status === 'reservations') throw conflict('silenceOverReservation');
      if (consensus.active.length < 2) throw conflict('silenceTwoStates');
      await tx.run(sql`UPDATE initiatives SET silence_started_at = ${at}, silence_deadline = ${deadline} WHERE id = ${initiativeId}`);
      await scheduleJob(tx, { kind: SILENCE_JOB, key: String(initiativeId), runAt: deadline, payload: { deadline } });
      appendEvent(tx, { type: 'silence.started', initiativeId, ...context, payload: { deadline, states: consensus.active } });
    },
  );
}

/** A delegate of a state in A breaks silence, with a reason: the procedure ends, nothing is adopted. */
export function breakSilence(viewer: Viewer, initiativeId: number, rawInput: unknown): Promise<InitiativeView> {
  return changeInitiative(
    viewer,
    initiativeId,
    () => {
      const { note } = parseInput(breakSilenceInput, rawInput);
      if (!viewer.state || !canSetStanceFor(viewer, viewer.state)) throw forbidden('onlyDelegateBreaksSilence');
      return { state: viewer.state, note };
    },
    async ({ tx, context }, { state, note }) => {
      if (!(await runningDeadline(tx, initiativeId))) throw conflict('noSilenceRuns');
      const { active } = await evaluateStored(tx, initiativeId);
      if (!active.includes(state)) throw forbidden('notAskedSilence', { state });
      await endSilence(tx, initiativeId, context, { state, note, reason: 'objection' });
    },
  );
}

/** Ends a running procedure without adopting (a state objected, held a reservation, or the text changed). */
export async function endSilence(
  tx: WriteTx,
  initiativeId: number,
  context: EventContext,
  payload: { state?: string; note?: string | null; reason: 'objection' | 'reservation' | 'text_edited' },
): Promise<void> {
  await tx.run(sql`UPDATE initiatives SET silence_started_at = NULL, silence_deadline = NULL WHERE id = ${initiativeId}`);
  await cancelJob(tx, SILENCE_JOB, String(initiativeId));
  appendEvent(tx, { type: 'silence.broken', initiativeId, ...context, payload });
}

/** Breaks silence if a procedure runs (for a reservation or an edit of the text). */
export async function breakSilenceIfRunning(
  tx: WriteTx,
  initiativeId: number,
  context: EventContext,
  payload: { state?: string; reason: 'reservation' | 'text_edited' },
): Promise<void> {
  if (await runningDeadline(tx, initiativeId)) await endSilence(tx, initiativeId, context, payload);
}

/**
 * At the deadline (the durable scheduler: on time, after a restart that missed it, once): every
 * state in A still pending is deemed to endorse, an endorsement ad referendum is deemed confirmed,
 * the initiative is formalized, and `silence.concluded` closes it. A procedure broken, moved or made
 * moot meanwhile is left alone; the reason is returned for the log.
 */
export async function concludeSilence(tx: WriteTx, initiativeId: number, deadline: string): Promise<string | null> {
  const row = await tx.get<{
    threadId: number;
    attribution: Attribution;
    visibility: 'open' | 'discreet';
    topic: string;
    formalizedAt: string | null;
    deadline: string | null;
    version: number;
    label: string;
  }>(
    sql`SELECT i.thread_id AS "threadId", t.attribution, t.visibility, t.topic, i.formalized_at AS "formalizedAt",
          i.silence_deadline AS deadline, i.version, i.label
        FROM initiatives i JOIN threads t ON t.id = i.thread_id WHERE i.id = ${initiativeId}${dialectSql.forUpdate}`,
  );
  if (!row) return 'the initiative no longer exists';
  if (row.deadline !== deadline) return 'the procedure was broken or ended meanwhile';
  if (row.formalizedAt) return 'the initiative was formalized meanwhile';
  const consensus = await evaluateStored(tx, initiativeId);
  const context: EventContext = { threadId: row.threadId, actor: null, attribution: row.attribution };
  if (consensus.status === 'reservations') {
    await endSilence(tx, initiativeId, context, { reason: 'reservation' });
    return 'a reservation stood at the deadline';
  }
  const at = now();
  const stances = await tx.all<{ state: string; position: string; adReferendum: number }>(
    sql`SELECT state_code AS state, position, ad_referendum AS "adReferendum" FROM stances WHERE initiative_id = ${initiativeId}`,
  );
  for (const stance of stances.filter((s) => consensus.active.includes(s.state as never))) {
    if (stance.position === 'pending') {
      await tx.run(
        sql`UPDATE stances SET position = 'endorse', set_at = ${at}, set_by = NULL, version = ${row.version}
            WHERE initiative_id = ${initiativeId} AND state_code = ${stance.state}`,
      );
      if (row.visibility === 'open') countEndorsement(tx, stance.state, row.topic, 1);
      appendEvent(tx, {
        type: 'stance.changed',
        initiativeId,
        ...context,
        payload: { state: stance.state, from: 'pending', to: 'endorse', note: null, via: 'silence', version: row.version },
      });
    } else if (stance.adReferendum) {
      await tx.run(
        sql`UPDATE stances SET ad_referendum = 0, confirm_by = NULL WHERE initiative_id = ${initiativeId} AND state_code = ${stance.state}`,
      );
      await cancelJob(tx, LAPSE_JOB, lapseJobKey(initiativeId, stance.state));
    }
  }
  await tx.run(
    sql`UPDATE initiatives SET formalized_at = ${at}, formalized_by = NULL, silence_started_at = NULL, silence_deadline = NULL
        WHERE id = ${initiativeId}`,
  );
  appendEvent(tx, {
    type: 'initiative.formalized',
    initiativeId,
    ...context,
    payload: { label: consensus.label, formalizedAt: at, via: 'silence' },
  });
  await applyConsensus(tx, initiativeId, context);
  appendEvent(tx, { type: 'silence.concluded', initiativeId, ...context, payload: { deadline } });
  await touchThread(tx, row.threadId, at);
  return null;
}
