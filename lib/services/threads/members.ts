import { and, eq, sql } from 'drizzle-orm';
import { db } from '../../../db/client';
import { tables } from '../../../db/schema';
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

const { memberships } = tables;

export interface MemberView {
  member: PublicActor;
  addedAt: string;
}

/** A facilitator seats anyone in a room it can see; anyone may take a seat in an open room. */
export async function addMember(viewer: Viewer, threadId: number, rawInput: unknown): Promise<MemberView> {
  const thread = await visibleThread(viewer, threadId);
  const { userId } = parseInput(addMemberInput, rawInput);
  if (!canAddMember(viewer, thread, userId)) throw forbidden('onlyFacilitatorAddsMembers');
  const member = await loadViewer(userId);
  if (!member) throw notFound('participantNotFound');
  if (!canBeSeatedIn(member, thread)) throw forbidden('observerNeverSeated');
  return write(async (tx) => {
    const at = now();
    const seated = await tx.orm
      .insert(memberships)
      .values({ threadId, participantId: userId, addedBy: viewer.id, createdAt: at })
      .onConflictDoNothing()
      .returning({ threadId: memberships.threadId });
    if (seated.length === 0) throw conflict('alreadyMember');
    const shown = publicActor(member, thread.attribution);
    appendEvent(tx, {
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
export async function removeMember(viewer: Viewer, threadId: number, userId: number): Promise<{ removed: true }> {
  const thread = await visibleThread(viewer, threadId);
  if (!isFacilitator(viewer) && userId !== viewer.id) throw forbidden('onlyFacilitatorRemoves');
  const member = await loadViewer(userId);
  if (!member) throw notFound('participantNotFound');
  return write(async (tx) => {
    const removed = await tx.orm
      .delete(memberships)
      .where(and(eq(memberships.threadId, threadId), eq(memberships.participantId, userId)))
      .returning({ threadId: memberships.threadId });
    if (removed.length === 0) throw notFound('notAMember');
    appendEvent(tx, {
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
export async function listMembers(viewer: Viewer, threadId: number, q = db()): Promise<MemberView[]> {
  const thread = await visibleThread(viewer, threadId, q);
  const rows = await q.all<Viewer & { addedAt: string }>(
    sql`SELECT p.id, p.name, p.affiliation, d.state_code AS state, m.created_at AS "addedAt"
        FROM memberships m JOIN participants p ON p.id = m.participant_id
        LEFT JOIN delegations d ON d.participant_id = p.id
        WHERE m.thread_id = ${threadId} ORDER BY m.created_at, p.id`,
  );
  return rows.map((r) => ({ member: publicActor(r, thread.attribution), addedAt: r.addedAt }));
}
