import crypto from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { db } from '../../../db/client';
import { tables } from '../../../db/schema';
import { canManageDelegations } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { forbidden } from '../../errors';
import { appendEvent } from '../../events/append';
import { parseInput } from '../../validation/common';
import { inviteInput } from '../../validation/participants';
import { write } from '../write';
import { hashInviteCode } from './register';

const INVITE_DAYS = 14;
const { invites, participants } = tables;

export interface CreatedInvite {
  id: number;
  /** Shown once; only its hash is stored. */
  code: string;
  state: string;
  expiresAt: string;
}

/** A facilitator invites a delegate of a given state; the code is the only way to register as one. */
export async function createInvite(viewer: Viewer, rawInput: unknown): Promise<CreatedInvite> {
  if (!canManageDelegations(viewer)) throw forbidden('Only a facilitator issues invites');
  const { state } = parseInput(inviteInput, rawInput);
  const code = crypto.randomBytes(18).toString('base64url');
  return write(async (tx) => {
    const at = now();
    const expiresAt = new Date(Date.parse(at) + INVITE_DAYS * 86_400_000).toISOString();
    const [{ id }] = await tx.orm
      .insert(invites)
      .values({ codeHash: hashInviteCode(code), stateCode: state, createdBy: viewer.id, createdAt: at, expiresAt })
      .returning({ id: invites.id });
    appendEvent(tx, { type: 'invite.created', actor: viewer, attribution: 'named', payload: { inviteId: id, state, expiresAt } });
    return { id, code, state, expiresAt };
  });
}

export interface InviteView {
  id: number;
  state: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedBy: string | null;
}

export async function listInvites(viewer: Viewer): Promise<InviteView[]> {
  if (!canManageDelegations(viewer)) throw forbidden('Only a facilitator sees invites');
  return db()
    .orm.select({
      id: invites.id,
      state: invites.stateCode,
      createdAt: invites.createdAt,
      expiresAt: invites.expiresAt,
      usedAt: invites.usedAt,
      usedBy: participants.name,
    })
    .from(invites)
    .leftJoin(participants, eq(participants.id, invites.usedBy))
    .orderBy(desc(invites.id))
    .limit(100);
}
