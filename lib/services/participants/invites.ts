import crypto from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { db } from '../../../db/client';
import { tables } from '../../../db/schema';
import { canManageDelegations } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { forbidden, invalid } from '../../errors';
import { unknownPartners } from '../../reference/reference';
import { appendEvent } from '../../events/append';
import { parseInput } from '../../validation/common';
import { inviteInput } from '../../validation/participants';
import { write } from '../write';
import { hashInviteCode } from './register';

const INVITE_DAYS = 14;
const { invites, participants } = tables;

/** What an invite is for: exactly one of a state, a partner, or an affiliation. */
export interface InviteFor {
  state: string | null;
  partner: string | null;
  affiliation: 'expert' | 'civil_society' | 'observer' | null;
}

export interface CreatedInvite extends InviteFor {
  id: number;
  /** Shown once; only its hash is stored. */
  code: string;
  expiresAt: string;
}

/**
 * A facilitator invites a delegate of a state, a partner's representative, or anyone else by
 * affiliation; the code is the only way to register as a government delegate or a partner.
 */
export async function createInvite(viewer: Viewer, rawInput: unknown): Promise<CreatedInvite> {
  if (!canManageDelegations(viewer)) throw forbidden('onlyFacilitatorInvites');
  const input = parseInput(inviteInput, rawInput);
  const target: InviteFor = { state: input.state ?? null, partner: input.partner ?? null, affiliation: input.affiliation ?? null };
  if (target.partner && (await unknownPartners([target.partner])).length)
    throw invalid('someFieldsInvalid', { partner: 'unknownPartnerCode' });
  const code = crypto.randomBytes(18).toString('base64url');
  return write(async (tx) => {
    const at = now();
    const expiresAt = new Date(Date.parse(at) + INVITE_DAYS * 86_400_000).toISOString();
    const [{ id }] = await tx.orm
      .insert(invites)
      .values({
        codeHash: hashInviteCode(code),
        stateCode: target.state,
        partnerCode: target.partner,
        affiliation: target.affiliation,
        createdBy: viewer.id,
        createdAt: at,
        expiresAt,
      })
      .returning({ id: invites.id });
    appendEvent(tx, { type: 'invite.created', actor: viewer, attribution: 'named', payload: { inviteId: id, ...target, expiresAt } });
    return { id, code, ...target, expiresAt };
  });
}

export interface InviteView {
  id: number;
  state: string | null;
  partner: string | null;
  affiliation: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedBy: string | null;
}

export async function listInvites(viewer: Viewer): Promise<InviteView[]> {
  if (!canManageDelegations(viewer)) throw forbidden('onlyFacilitatorSeesInvites');
  return db()
    .orm.select({
      id: invites.id,
      state: invites.stateCode,
      partner: invites.partnerCode,
      affiliation: invites.affiliation,
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
