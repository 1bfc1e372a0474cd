import { prepared } from '../../../db/client';
import { canAddMember, canBeSeatedIn, isFacilitator } from '../../access/rules';
import { loadViewer, type Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { conflict, forbidden, notFound } from '../../errors';
import { appendEvent } from '../../events/append';
import { publicActor } from '../../events/actor';
import type { PublicActor } from '../../events/types';
import { parseInput } from '../../validation/common';
import { addMemberInput } from '../../validation/threads';
import { write } from '../write';
import { visibleThread } from './thread-access';

export interface MemberView {
  member: PublicActor;
  addedAt: string;
}

/** A facilitator seats anyone in a room it can see; anyone may take a seat in an open room. */
export function addMember(viewer: Viewer, threadId: number, rawInput: unknown): MemberView {
  const thread = visibleThread(viewer, threadId);
  const { userId } = parseInput(addMemberInput, rawInput);
  if (!canAddMember(viewer, thread, userId)) throw forbidden('Only a facilitator adds other participants to a room');
  const member = loadViewer(userId);
  if (!member) throw notFound('Participant not found');
  if (!canBeSeatedIn(member, thread)) throw forbidden('An observer reads open rooms only and is never seated in a discreet room');
  return write(() => {
    if (prepared('SELECT 1 FROM memberships WHERE thread_id = ? AND participant_id = ?').get(threadId, userId)) {
      throw conflict('Already a member of this room');
    }
    const at = now();
    prepared('INSERT INTO memberships (thread_id, participant_id, added_by, created_at) VALUES (?, ?, ?, ?)').run(
      threadId,
      userId,
      viewer.id,
      at,
    );
    const shown = publicActor(member, thread.attribution);
    appendEvent({
      type: 'member.added',
      threadId,
      actor: viewer,
      attribution: thread.attribution,
      subjectId: userId,
      payload: { member: shown },
    });
    return { member: shown, addedAt: at };
  });
}

/** A facilitator removes a member; a member may leave. The removed member loses a discreet room at once. */
export function removeMember(viewer: Viewer, threadId: number, userId: number): { removed: true } {
  const thread = visibleThread(viewer, threadId);
  if (!isFacilitator(viewer) && userId !== viewer.id) throw forbidden('Only a facilitator removes other participants');
  const member = loadViewer(userId);
  if (!member) throw notFound('Participant not found');
  return write(() => {
    const removed = prepared('DELETE FROM memberships WHERE thread_id = ? AND participant_id = ?').run(threadId, userId);
    if (removed.changes === 0) throw notFound('Not a member of this room');
    appendEvent({
      type: 'member.removed',
      threadId,
      actor: viewer,
      attribution: thread.attribution,
      subjectId: userId,
      payload: { member: publicActor(member, thread.attribution) },
    });
    return { removed: true as const };
  });
}

/** Who sits in the room, as its attribution mode allows. */
export function listMembers(viewer: Viewer, threadId: number): MemberView[] {
  const thread = visibleThread(viewer, threadId);
  const rows = prepared(
    `SELECT p.id, p.name, p.affiliation, d.state_code AS state, m.created_at AS addedAt
     FROM memberships m JOIN participants p ON p.id = m.participant_id
     LEFT JOIN delegations d ON d.participant_id = p.id
     WHERE m.thread_id = ? ORDER BY m.created_at, p.id`,
  ).all(threadId) as (Viewer & { addedAt: string })[];
  return rows.map((r) => ({ member: publicActor(r, thread.attribution), addedAt: r.addedAt }));
}
