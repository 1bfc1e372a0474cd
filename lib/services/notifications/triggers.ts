import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { now } from '../../clock';
import type { NewEventRow } from '../../events/append';
import { REMINDER_AHEAD_MS, type NotificationType } from '../../notifications/types';
import { cancelJob, scheduleJob } from '../../scheduler/jobs';
import { delegatesOf, followersOfInitiative, peopleOfRoom, recipients } from './recipients';

/** One kind of news for some participants, before it is stored for each of them. */
export interface Notice {
  type: NotificationType;
  /** Who is told: a query of participant ids (`recipients`), read by the INSERT that stores the notice. */
  to: SQL;
  /** What the title is made of (titles, state codes, instants): never a person's name. */
  params: Record<string, string | number | null>;
  threadId: number | null;
  initiativeId: number | null;
  meetingId: number | null;
}

export const SILENCE_REMINDER_JOB = 'notify.silence_ending';
export const CONFIRMATION_REMINDER_JOB = 'notify.confirmation_due';

const TRIGGERS: ReadonlySet<string> = new Set([
  'initiative.proposed',
  'stance.changed',
  'stance.confirmed',
  'stance.lapsed',
  'status.changed',
  'initiative.formalized',
  'silence.started',
  'silence.broken',
  'silence.concluded',
  'meeting.scheduled',
  'readout.drafted',
  'readout.approved',
]);

interface InitiativeFacts {
  id: number;
  threadId: number;
  title: string;
}

/**
 * The triggers of PRODUCT.md, read off the events a change appends (one place for all of them):
 * who is told, and the reminders to schedule or cancel. Runs inside the change's transaction.
 */
export async function noticesForEvents(tx: Db, events: NewEventRow[]): Promise<Notice[]> {
  const notices: Notice[] = [];
  const initiatives = new Map<number, InitiativeFacts>();
  const initiative = async (id: number) => {
    let facts = initiatives.get(id);
    if (!facts) {
      facts = (await tx.get<InitiativeFacts>(sql`SELECT id, thread_id AS "threadId", title FROM initiatives WHERE id = ${id}`))!;
      initiatives.set(id, facts);
    }
    return facts;
  };
  const about = async (
    e: NewEventRow,
    type: NotificationType,
    candidates: (i: InitiativeFacts) => ReturnType<typeof delegatesOf>,
    params: Notice['params'] = {},
  ) => {
    const i = await initiative(e.initiativeId!);
    const to = recipients(candidates(i), { type, threadId: i.threadId, actorId: e.actorId });
    notices.push({ type, to, params: { title: i.title, ...params }, threadId: i.threadId, initiativeId: i.id, meetingId: null });
  };
  const follows = (i: InitiativeFacts) => followersOfInitiative(i.id, i.threadId);

  for (const e of events) {
    if (!TRIGGERS.has(e.type)) continue;
    const p = JSON.parse(e.payload) as Record<string, unknown>;
    switch (e.type) {
      case 'initiative.proposed':
        // Each state's delegates read their own state's name.
        for (const state of p.states as string[]) await about(e, 'initiative_proposed', () => delegatesOf([state]), { state });
        break;
      case 'stance.changed': {
        const state = String(p.state);
        if (p.reason === 'text_edited') await about(e, 'endorsement_reset', () => delegatesOf([state]), { state });
        else if (p.to === 'reservation' && p.from !== 'reservation') await about(e, 'reservation', follows, { state });
        else if (p.to === 'step_aside' && p.from !== 'step_aside') await about(e, 'step_aside', follows, { state });
        if (p.to === 'endorse' && p.adReferendum) await planConfirmationReminder(tx, e.initiativeId!, state, String(p.confirmBy));
        // Only an endorsement can have been given ad referendum: nothing to cancel otherwise.
        else if (p.from === 'endorse') await planConfirmationReminder(tx, e.initiativeId!, state, null);
        break;
      }
      case 'stance.confirmed':
      case 'stance.lapsed':
        await planConfirmationReminder(tx, e.initiativeId!, String(p.state), null);
        await settle(tx, 'confirmation_due', sql`initiative_id = ${e.initiativeId}`, String(p.state));
        break;
      case 'status.changed':
        if (p.to === 'consensus' && p.from !== 'consensus') await about(e, 'consensus', follows, { label: String(p.label) });
        break;
      case 'initiative.formalized':
        await about(e, 'formalized', follows, { label: String(p.label) });
        break;
      case 'silence.started': {
        const deadline = String(p.deadline);
        await about(e, 'silence_started', follows, { deadline });
        // With less than a day to go, the start's own notification says the deadline: no reminder.
        if (reminderAt(deadline) > now())
          await scheduleJob(tx, {
            kind: SILENCE_REMINDER_JOB,
            key: String(e.initiativeId),
            runAt: reminderAt(deadline),
            payload: { deadline },
          });
        break;
      }
      case 'silence.broken':
      case 'silence.concluded':
        await cancelJob(tx, SILENCE_REMINDER_JOB, String(e.initiativeId));
        break;
      case 'meeting.scheduled': {
        const type = 'meeting_scheduled';
        const candidates = e.threadId === null ? delegatesOf(p.states as string[]) : peopleOfRoom(e.threadId);
        const to = recipients(candidates, { type, threadId: e.threadId, actorId: e.actorId });
        const params = { title: String(p.title), startsAt: String(p.startsAt) };
        notices.push({ type, to, params, threadId: e.threadId, initiativeId: null, meetingId: Number(p.meetingId) });
        break;
      }
      case 'readout.approved':
        await settle(tx, 'readout_awaiting', sql`meeting_id = ${Number(p.meetingId)}`, String(p.state));
        break;
      case 'readout.drafted': {
        const type = 'readout_awaiting';
        const meetingId = Number(p.meetingId);
        const states = await tx.all<{ state: string }>(sql`SELECT state_code AS state FROM meeting_states WHERE meeting_id = ${meetingId}`);
        const to = recipients(delegatesOf(states.map((s) => s.state)), { type, threadId: e.threadId, actorId: e.actorId });
        notices.push({ type, to, params: { title: String(p.title) }, threadId: e.threadId, initiativeId: null, meetingId });
        break;
      }
    }
  }
  return notices;
}

/** The reminders, 24 hours ahead (at once when less is left), as notices of their own. */
export async function silenceEndingNotice(tx: Db, initiativeId: number, deadline: string): Promise<Notice | null> {
  const row = await tx.get<InitiativeFacts & { deadline: string | null }>(
    sql`SELECT id, thread_id AS "threadId", title, silence_deadline AS deadline FROM initiatives WHERE id = ${initiativeId}`,
  );
  if (!row || row.deadline !== deadline) return null;
  const type = 'silence_ending';
  const to = recipients(followersOfInitiative(row.id, row.threadId), { type, threadId: row.threadId, actorId: null });
  return { type, to, params: { title: row.title, deadline }, threadId: row.threadId, initiativeId, meetingId: null };
}

export async function confirmationDueNotice(tx: Db, initiativeId: number, state: string, confirmBy: string): Promise<Notice | null> {
  const row = await tx.get<InitiativeFacts & { confirmBy: string | null }>(
    sql`SELECT i.id, i.thread_id AS "threadId", i.title, s.confirm_by AS "confirmBy"
        FROM initiatives i JOIN stances s ON s.initiative_id = i.id AND s.state_code = ${state}
        WHERE i.id = ${initiativeId} AND s.ad_referendum = 1 AND s.position = 'endorse'`,
  );
  if (!row || row.confirmBy !== confirmBy) return null;
  const type = 'confirmation_due';
  const to = recipients(delegatesOf([state]), { type, threadId: row.threadId, actorId: null });
  return { type, to, params: { title: row.title, state, confirmBy }, threadId: row.threadId, initiativeId, meetingId: null };
}

/** What asked a state to act is read once that state acted (one's list shows what still needs one). */
async function settle(tx: Db, type: NotificationType, about: SQL, state: string): Promise<void> {
  await tx.run(
    sql`UPDATE notifications SET read_at = ${now()}
        WHERE type = ${type} AND ${about} AND read_at IS NULL AND participant_id IN (${delegatesOf([state])})`,
  );
}

async function planConfirmationReminder(tx: Db, initiativeId: number, state: string, confirmBy: string | null): Promise<void> {
  const key = `${initiativeId}:${state}`;
  // A date under a day away is the delegate's own, just given: no reminder.
  if (confirmBy && reminderAt(confirmBy) > now())
    await scheduleJob(tx, { kind: CONFIRMATION_REMINDER_JOB, key, runAt: reminderAt(confirmBy), payload: { confirmBy } });
  else await cancelJob(tx, CONFIRMATION_REMINDER_JOB, key);
}

const reminderAt = (deadline: string) => new Date(Date.parse(deadline) - REMINDER_AHEAD_MS).toISOString();
