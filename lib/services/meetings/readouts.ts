import { sql } from 'drizzle-orm';
import { canApproveReadout, canDraftReadout } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import type { StateCode } from '../../consensus/codes';
import { now } from '../../clock';
import { conflict, errorText, forbidden, invalid } from '../../errors';
import { appendEvent } from '../../events/append';
import { parseInput } from '../../validation/common';
import { approveReadoutInput, readoutInput } from '../../validation/meetings';
import { write, type WriteTx } from '../write';
import { getMeeting } from './get-meeting';
import { lockMeeting, meetingAttribution, meetingStates, visibleMeeting, type MeetingRow } from './meeting-access';
import type { MeetingView } from './serialize-meeting';

interface StoredReadout {
  body: string;
  version: number;
  releasedAt: string | null;
}

const storedReadout = (tx: WriteTx, meetingId: number) =>
  tx.get<StoredReadout>(sql`SELECT body, version, released_at AS "releasedAt" FROM readouts WHERE meeting_id = ${meetingId}`);

/** The meeting, locked for this write, with its attending states. */
async function meetingForWrite(tx: WriteTx, viewer: Viewer, meetingId: number) {
  const meeting = await visibleMeeting(viewer, meetingId, tx);
  await lockMeeting(tx, meetingId);
  return { meeting, states: await meetingStates(meetingId, tx) };
}

/**
 * Under the Chatham House rule a readout names no one: a draft holding the name of anyone seated
 * in the room (or of a facilitator) is refused, with the name, so the chair can take it out.
 */
async function namesIn(tx: WriteTx, meeting: MeetingRow, body: string): Promise<string[]> {
  if (meeting.attribution !== 'chatham') return [];
  const people = await tx.all<{ name: string }>(
    sql`SELECT p.name FROM participants p
        WHERE p.role = 'facilitator' OR EXISTS (SELECT 1 FROM memberships ms WHERE ms.thread_id = ${meeting.threadId} AND ms.participant_id = p.id)`,
  );
  const text = body.toLocaleLowerCase();
  return people.map((p) => p.name.trim()).filter((name) => name.length >= 3 && text.includes(name.toLocaleLowerCase()));
}

/**
 * The chair (a facilitator, or a delegate of the chair state) writes the readout; every edit makes
 * a new version and the approvals start again. A released readout is what was agreed: it stays.
 */
export async function draftReadout(viewer: Viewer, meetingId: number, rawInput: unknown): Promise<MeetingView> {
  await write(async (tx) => {
    const { meeting, states } = await meetingForWrite(tx, viewer, meetingId);
    if (!canDraftReadout(viewer, { chairState: meeting.chairState, states })) {
      throw forbidden('readoutDraftedBy');
    }
    const { body, version } = parseInput(readoutInput, rawInput);
    const named = await namesIn(tx, meeting, body);
    if (named.length) {
      throw invalid('chathamReadout', { body: errorText('readoutTakeOut', { names: named.map((n) => `“${n}”`).join(', ') }) });
    }
    const current = await storedReadout(tx, meetingId);
    if (current?.releasedAt) throw conflict('readoutReleasedNoEdit');
    if (version !== undefined && version !== (current?.version ?? 0)) {
      throw conflict('readoutChangedEditing');
    }
    if (current?.body === body) return;
    const at = now();
    const next = (current?.version ?? 0) + 1;
    if (current) {
      await tx.run(
        sql`UPDATE readouts SET body = ${body}, version = ${next}, drafted_by = ${viewer.id}, updated_at = ${at} WHERE meeting_id = ${meetingId}`,
      );
      await tx.run(sql`DELETE FROM readout_approvals WHERE meeting_id = ${meetingId}`);
    } else {
      await tx.run(
        sql`INSERT INTO readouts (meeting_id, body, version, drafted_by, updated_at) VALUES (${meetingId}, ${body}, ${next}, ${viewer.id}, ${at})`,
      );
    }
    appendEvent(tx, {
      type: 'readout.drafted',
      threadId: meeting.threadId,
      actor: viewer,
      attribution: meetingAttribution(meeting),
      payload: { meetingId, title: meeting.title, version: next },
    });
  });
  return getMeeting(viewer, meetingId);
}

/**
 * An attending state's delegate approves the readout's current text for their state; when every
 * attending state has approved it, it is released (`readout.released`) in the same transaction.
 */
export async function approveReadout(viewer: Viewer, meetingId: number, rawInput: unknown): Promise<MeetingView> {
  await write(async (tx) => {
    const { meeting, states } = await meetingForWrite(tx, viewer, meetingId);
    const { version } = parseInput(approveReadoutInput, rawInput ?? {});
    if (!canApproveReadout(viewer, { chairState: meeting.chairState, states })) {
      throw viewer.state && !states.includes(viewer.state)
        ? forbidden('notAttending', { state: viewer.state })
        : forbidden('onlyAttendingApproves');
    }
    const state = viewer.state as StateCode;
    const current = await storedReadout(tx, meetingId);
    if (!current) throw conflict('noReadoutYet');
    if (current.releasedAt) throw conflict('readoutAlreadyReleased');
    if (version !== undefined && version !== current.version) {
      throw conflict('readoutChangedApproving');
    }
    const at = now();
    const context = { threadId: meeting.threadId, actor: viewer, attribution: meetingAttribution(meeting) };
    const done = await tx.get(
      sql`SELECT 1 FROM readout_approvals WHERE meeting_id = ${meetingId} AND state_code = ${state} AND version = ${current.version}`,
    );
    if (done) return;
    await tx.run(sql`DELETE FROM readout_approvals WHERE meeting_id = ${meetingId} AND state_code = ${state}`);
    await tx.run(
      sql`INSERT INTO readout_approvals (meeting_id, state_code, version, approved_by, approved_at)
          VALUES (${meetingId}, ${state}, ${current.version}, ${viewer.id}, ${at})`,
    );
    appendEvent(tx, {
      type: 'readout.approved',
      ...context,
      payload: { meetingId, title: meeting.title, state, version: current.version },
    });
    const approved = await tx.all<{ state: string }>(
      sql`SELECT state_code AS state FROM readout_approvals WHERE meeting_id = ${meetingId} AND version = ${current.version}`,
    );
    const have = new Set(approved.map((a) => a.state));
    if (!states.every((s) => have.has(s))) return;
    await tx.run(sql`UPDATE readouts SET released_at = ${at} WHERE meeting_id = ${meetingId}`);
    appendEvent(tx, {
      type: 'readout.released',
      ...context,
      payload: { meetingId, title: meeting.title, version: current.version, releasedAt: at, states },
    });
  });
  return getMeeting(viewer, meetingId);
}
