import crypto from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { db, type Db } from '../../../db/client';
import { tables } from '../../../db/schema';
import { loadViewer, sessionUser, type SessionUser } from '../../access/viewer';
import type { Affiliation, StateCode } from '../../consensus/codes';
import { now } from '../../clock';
import { errorText, invalid } from '../../errors';
import { appendEvent } from '../../events/append';
import { hashPassword } from '../../auth/password';
import { parseInput } from '../../validation/common';
import { registerInput, type RegisterInput } from '../../validation/participants';
import { write, type WriteTx } from '../write';

const { delegations, invites, participants } = tables;

export function hashInviteCode(code: string): string {
  return crypto.createHash('sha256').update(code.trim()).digest('hex');
}

interface InviteRow {
  id: number;
  stateCode: StateCode | null;
  partnerCode: string | null;
  affiliation: Affiliation | null;
  expiresAt: string;
  usedAt: string | null;
}

/** The affiliation an invite gives: government for a state, partner for a partner, else its own. */
const invitedAffiliation = (invite: InviteRow): Affiliation =>
  invite.stateCode ? 'government' : invite.partnerCode ? 'partner' : invite.affiliation!;

/** The affiliation a usable invite code gives, for the registration form to offer; null for any other code. */
export async function invitedAffiliationFor(code: string): Promise<Affiliation | null> {
  try {
    return invitedAffiliation(await usableInvite(code));
  } catch {
    return null;
  }
}

const BAD_INVITE = { inviteCode: 'badInvite' } as const;

async function usableInvite(code: string): Promise<InviteRow> {
  const [invite] = await db()
    .orm.select({
      id: invites.id,
      stateCode: invites.stateCode,
      partnerCode: invites.partnerCode,
      affiliation: invites.affiliation,
      expiresAt: invites.expiresAt,
      usedAt: invites.usedAt,
    })
    .from(invites)
    .where(eq(invites.codeHash, hashInviteCode(code)));
  if (!invite || invite.usedAt || invite.expiresAt <= now()) throw invalid('someFieldsInvalid', BAD_INVITE);
  return invite as InviteRow;
}

/** What a registration answers: the same whether or not the email was already registered. */
export interface Registration {
  name: string;
  email: string;
  affiliation: Affiliation;
  role: 'participant';
  state: StateCode | null;
  partner: string | null;
}

/**
 * Registers a participant. A delegation is never self-declared: only a facilitator's invite makes
 * the registrant a government delegate of the invite's state. The answer (and the time it takes)
 * is the same for an email that is already registered — nothing is written then, and the invite
 * stays unused — so registration cannot be used to learn who has an account.
 */
export async function registerParticipant(rawInput: unknown): Promise<Registration> {
  const { input, invite, passwordHash } = await prepareRegistration(rawInput);
  // Nobody declares themselves a government or a partner: those come with a facilitator's invite
  // or grant (else anyone would appear as "Government" in a Chatham House room).
  if (!invite && (input.affiliation === 'government' || input.affiliation === 'partner'))
    throw invalid('someFieldsInvalid', {
      affiliation: 'governmentNeedsInvite',
    });
  await write(async (tx) => {
    if (await emailTaken(tx, input.email)) return;
    await insertParticipant(tx, input, passwordHash, invite, 'participant');
  });
  return {
    name: input.name,
    email: input.email,
    affiliation: input.affiliation,
    role: 'participant',
    state: invite?.stateCode ?? null,
    partner: invite?.partnerCode ?? null,
  };
}

/** For the command line and the demo seed: creates the account or says why not (a taken email included). */
export async function createParticipant(rawInput: unknown, role: 'participant' | 'facilitator'): Promise<SessionUser> {
  const { input, invite, passwordHash } = await prepareRegistration(rawInput);
  const id = await write(async (tx) => {
    if (await emailTaken(tx, input.email)) throw invalid('someFieldsInvalid', { email: 'emailTaken' });
    return insertParticipant(tx, input, passwordHash, invite, role);
  });
  return sessionUser((await loadViewer(id))!);
}

async function prepareRegistration(rawInput: unknown): Promise<{ input: RegisterInput; invite: InviteRow | null; passwordHash: string }> {
  const input = parseInput(registerInput, rawInput);
  const invite = input.inviteCode ? await usableInvite(input.inviteCode) : null;
  if (invite && input.affiliation !== invitedAffiliation(invite)) {
    const affiliation =
      invitedAffiliation(invite) === 'government'
        ? errorText('inviteMakesGovernment')
        : errorText('inviteForAffiliation', { affiliation: invitedAffiliation(invite) });
    throw invalid('someFieldsInvalid', { affiliation });
  }
  return { input, invite, passwordHash: await hashPassword(input.password) };
}

const emailTaken = async (tx: Db, email: string) => (await tx.get(sql`SELECT 1 FROM participants WHERE email = ${email}`)) !== undefined;

/** Inside the registration's transaction: the account, and the delegation its invite grants. */
async function insertParticipant(
  tx: WriteTx,
  input: RegisterInput,
  passwordHash: string,
  invite: InviteRow | null,
  role: 'participant' | 'facilitator',
): Promise<number> {
  const at = now();
  const [{ participantId }] = await tx.orm
    .insert(participants)
    .values({
      email: input.email,
      name: input.name,
      passwordHash,
      affiliation: input.affiliation,
      organization: input.organization || null,
      role,
      createdAt: at,
      partnerCode: invite?.partnerCode ?? null,
    })
    .returning({ participantId: participants.id });
  if (invite) {
    // Re-checked inside the transaction: two registrations racing for one invite, one wins.
    const claimed = await tx.orm
      .update(invites)
      .set({ usedBy: participantId, usedAt: at })
      .where(and(eq(invites.id, invite.id), isNull(invites.usedAt)))
      .returning({ id: invites.id });
    if (claimed.length === 0) throw invalid('someFieldsInvalid', BAD_INVITE);
    if (!invite.stateCode) return participantId;
    const [{ createdBy }] = await tx.orm.select({ createdBy: invites.createdBy }).from(invites).where(eq(invites.id, invite.id));
    await tx.orm.insert(delegations).values({ participantId, stateCode: invite.stateCode, grantedBy: createdBy, grantedAt: at });
    appendEvent(tx, {
      type: 'delegation.changed',
      subjectId: participantId,
      actor: null,
      attribution: 'named',
      payload: { participant: { id: participantId, name: input.name }, from: null, to: invite.stateCode, via: 'invite' },
    });
  }
  return participantId;
}
