import { sql } from 'drizzle-orm';
import { canScheduleMeetings } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { threadVisibleSql } from '../../access/visibility';
import { now } from '../../clock';
import { conflict, errorText, forbidden, invalid } from '../../errors';
import { appendEvent } from '../../events/append';
import { parseInput } from '../../validation/common';
import {
  createMeetingInput,
  meetingProblems,
  updateMeetingInput,
  type AgendaItemInput,
  type CreateMeetingInput,
} from '../../validation/meetings';
import { visibleThread } from '../threads/thread-access';
import { write, type WriteTx } from '../write';
import { getMeeting } from './get-meeting';
import { lockMeeting, meetingAttribution, meetingStates, visibleMeeting, type MeetingRow } from './meeting-access';
import type { MeetingView } from './serialize-meeting';

function checkFields(meeting: Parameters<typeof meetingProblems>[0]): void {
  const fields = meetingProblems(meeting);
  if (Object.keys(fields).length) throw invalid('someFieldsInvalid', fields);
}

/**
 * The agenda as stored: each initiative one the facilitator sees (else the same answer as for one
 * that does not exist), and one of a discreet room only on the agenda of that room's meetings, so
 * a meeting never shows a discreet initiative to anyone outside its room.
 */
async function resolveAgenda(tx: WriteTx, viewer: Viewer, threadId: number | null, items: AgendaItemInput[]) {
  const resolved: { initiativeId: number | null; title: string }[] = [];
  for (const [index, item] of items.entries()) {
    if (item.initiativeId === undefined) {
      resolved.push({ initiativeId: null, title: item.title! });
      continue;
    }
    const found = await tx.get<{ title: string; threadId: number; visibility: 'open' | 'discreet' }>(
      sql`SELECT i.title, i.thread_id AS "threadId", t.visibility FROM initiatives i JOIN threads t ON t.id = i.thread_id
          WHERE i.id = ${item.initiativeId} AND ${threadVisibleSql(viewer)}`,
    );
    if (!found) throw invalid('someFieldsInvalid', { agenda: errorText('agendaNoInitiative', { n: index + 1 }) });
    if (found.visibility === 'discreet' && found.threadId !== threadId) {
      throw invalid('someFieldsInvalid', {
        agenda: errorText('agendaDiscreet', { n: index + 1 }),
      });
    }
    resolved.push({ initiativeId: item.initiativeId, title: item.title || found.title });
  }
  return resolved;
}

async function writeAgenda(tx: WriteTx, meetingId: number, agenda: { initiativeId: number | null; title: string }[]) {
  await tx.run(sql`DELETE FROM agenda_items WHERE meeting_id = ${meetingId}`);
  for (const [position, item] of agenda.entries()) {
    await tx.run(
      sql`INSERT INTO agenda_items (meeting_id, position, initiative_id, title) VALUES (${meetingId}, ${position}, ${item.initiativeId}, ${item.title})`,
    );
  }
}

async function writeStates(tx: WriteTx, meetingId: number, states: string[]) {
  await tx.run(sql`DELETE FROM meeting_states WHERE meeting_id = ${meetingId}`);
  for (const state of states) await tx.run(sql`INSERT INTO meeting_states (meeting_id, state_code) VALUES (${meetingId}, ${state})`);
}

const eventPayload = (id: number, m: Omit<CreateMeetingInput, 'agenda' | 'threadId'>) => ({
  meetingId: id,
  title: m.title,
  level: m.level,
  startsAt: m.startsAt,
  endsAt: m.endsAt,
  timezone: m.timezone,
  states: m.states,
});

/** A facilitator convenes a meeting, in a room it sees or in none (then everyone signed in sees it). */
export async function scheduleMeeting(viewer: Viewer, rawInput: unknown): Promise<MeetingView> {
  const input = parseInput(createMeetingInput, rawInput);
  const threadId = input.threadId ?? null;
  const id = await write(async (tx) => {
    // A room one may not see does not exist (404) before anything else is said about it.
    const room = threadId !== null ? await visibleThread(viewer, threadId, tx) : null;
    if (!canScheduleMeetings(viewer)) throw forbidden('onlyFacilitatorSchedules');
    checkFields(input);
    const agenda = await resolveAgenda(tx, viewer, threadId, input.agenda);
    const at = now();
    const inserted = (await tx.get<{ id: number }>(
      sql`INSERT INTO meetings (thread_id, title, level, starts_at, ends_at, timezone, place, chair_state, created_by, created_at, updated_at)
          VALUES (${threadId}, ${input.title}, ${input.level}, ${input.startsAt}, ${input.endsAt}, ${input.timezone}, ${input.place ?? null},
                  ${input.chairState ?? null}, ${viewer.id}, ${at}, ${at})
          RETURNING id`,
    ))!;
    await writeStates(tx, inserted.id, input.states);
    await writeAgenda(tx, inserted.id, agenda);
    appendEvent(tx, {
      type: 'meeting.scheduled',
      threadId,
      actor: viewer,
      attribution: room?.attribution ?? 'named',
      payload: eventPayload(inserted.id, input),
    });
    return inserted.id;
  });
  return getMeeting(viewer, id);
}

/** A facilitator changes a meeting; its room stays. New states after a released readout would rewrite history: refused. */
export async function updateMeeting(viewer: Viewer, meetingId: number, rawInput: unknown): Promise<MeetingView> {
  if (!canScheduleMeetings(viewer)) {
    await visibleMeeting(viewer, meetingId);
    throw forbidden('onlyFacilitatorChangesMeeting');
  }
  const patch = parseInput(updateMeetingInput, rawInput);
  await write(async (tx) => {
    const current = await visibleMeeting(viewer, meetingId, tx);
    await lockMeeting(tx, meetingId);
    const states = await meetingStates(meetingId, tx);
    const next = { ...pick(current), states, ...patch };
    checkFields(next);
    const statesChanged = patch.states !== undefined && patch.states.slice().sort().join() !== states.slice().sort().join();
    if (statesChanged) await onStatesChanged(tx, meetingId);
    const agenda = patch.agenda ? await resolveAgenda(tx, viewer, current.threadId, patch.agenda) : null;
    await tx.run(
      sql`UPDATE meetings SET title = ${next.title}, level = ${next.level}, starts_at = ${next.startsAt}, ends_at = ${next.endsAt},
            timezone = ${next.timezone}, place = ${next.place ?? null}, chair_state = ${next.chairState ?? null}, updated_at = ${now()}
          WHERE id = ${meetingId}`,
    );
    if (statesChanged) await writeStates(tx, meetingId, next.states);
    if (agenda) await writeAgenda(tx, meetingId, agenda);
    appendEvent(tx, {
      type: 'meeting.updated',
      threadId: current.threadId,
      actor: viewer,
      attribution: meetingAttribution(current),
      payload: { ...eventPayload(meetingId, next), changed: Object.keys(patch).sort() },
    });
  });
  return getMeeting(viewer, meetingId);
}

const pick = (m: MeetingRow) => ({
  title: m.title,
  level: m.level,
  startsAt: m.startsAt,
  endsAt: m.endsAt,
  timezone: m.timezone,
  place: m.place,
  chairState: m.chairState,
});

/** Other states at the table: a released readout stands as agreed; a draft's approvals start again. */
async function onStatesChanged(tx: WriteTx, meetingId: number): Promise<void> {
  const readout = await tx.get<{ releasedAt: string | null }>(
    sql`SELECT released_at AS "releasedAt" FROM readouts WHERE meeting_id = ${meetingId}`,
  );
  if (readout?.releasedAt) throw conflict('meetingStatesFixed');
  if (readout) await tx.run(sql`DELETE FROM readout_approvals WHERE meeting_id = ${meetingId}`);
}
