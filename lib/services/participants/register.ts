import crypto from 'node:crypto';
import { prepared } from '../../../db/client';
import { loadViewer, sessionUser, type SessionUser } from '../../access/viewer';
import type { Affiliation, StateCode } from '../../consensus/codes';
import { now } from '../../clock';
import { invalid } from '../../errors';
import { appendEvent } from '../../events/append';
import { hashPassword } from '../../auth/password';
import { parseInput } from '../../validation/common';
import { registerInput, type RegisterInput } from '../../validation/participants';
import { write } from '../write';

export function hashInviteCode(code: string): string {
  return crypto.createHash('sha256').update(code.trim()).digest('hex');
}

interface InviteRow {
  id: number;
  stateCode: StateCode;
  expiresAt: string;
  usedAt: string | null;
}

const BAD_INVITE = { inviteCode: 'This invite code is not valid or has been used' };

function usableInvite(code: string): InviteRow {
  const invite = prepared(
    'SELECT id, state_code AS stateCode, expires_at AS expiresAt, used_at AS usedAt FROM invites WHERE code_hash = ?',
  ).get(hashInviteCode(code)) as InviteRow | undefined;
  if (!invite || invite.usedAt || invite.expiresAt <= now()) throw invalid('Some fields are not valid', BAD_INVITE);
  return invite;
}

/** What a registration answers: the same whether or not the email was already registered. */
export interface Registration {
  name: string;
  email: string;
  affiliation: Affiliation;
  role: 'participant';
  state: StateCode | null;
}

/**
 * Registers a participant. A delegation is never self-declared: only a facilitator's invite makes
 * the registrant a government delegate of the invite's state. The answer (and the time it takes)
 * is the same for an email that is already registered — nothing is written then, and the invite
 * stays unused — so registration cannot be used to learn who has an account.
 */
export async function registerParticipant(rawInput: unknown): Promise<Registration> {
  const { input, invite, passwordHash } = await prepareRegistration(rawInput);
  write(() => {
    if (emailTaken(input.email)) return;
    insertParticipant(input, passwordHash, invite, 'participant');
  });
  return { name: input.name, email: input.email, affiliation: input.affiliation, role: 'participant', state: invite?.stateCode ?? null };
}

/** For the command line and the demo seed: creates the account or says why not (a taken email included). */
export async function createParticipant(rawInput: unknown, role: 'participant' | 'facilitator'): Promise<SessionUser> {
  const { input, invite, passwordHash } = await prepareRegistration(rawInput);
  const id = write(() => {
    if (emailTaken(input.email)) throw invalid('Some fields are not valid', { email: 'This email is already registered' });
    return insertParticipant(input, passwordHash, invite, role);
  });
  return sessionUser(loadViewer(id)!);
}

async function prepareRegistration(rawInput: unknown): Promise<{ input: RegisterInput; invite: InviteRow | null; passwordHash: string }> {
  const input = parseInput(registerInput, rawInput);
  const invite = input.inviteCode ? usableInvite(input.inviteCode) : null;
  if (invite && input.affiliation !== 'government') {
    throw invalid('Some fields are not valid', { affiliation: 'An invite makes you a government delegate: choose government' });
  }
  return { input, invite, passwordHash: await hashPassword(input.password) };
}

const emailTaken = (email: string) => prepared('SELECT 1 FROM participants WHERE email = ?').get(email) !== undefined;

/** Inside the registration's transaction: the account, and the delegation its invite grants. */
function insertParticipant(
  input: RegisterInput,
  passwordHash: string,
  invite: InviteRow | null,
  role: 'participant' | 'facilitator',
): number {
  const at = now();
  const participantId = Number(
    prepared(
      `INSERT INTO participants (email, name, password_hash, affiliation, organization, role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(input.email, input.name, passwordHash, input.affiliation, input.organization || null, role, at).lastInsertRowid,
  );
  if (invite) {
    // Re-checked inside the transaction: two registrations racing for one invite, one wins.
    const claimed = prepared('UPDATE invites SET used_by = ?, used_at = ? WHERE id = ? AND used_at IS NULL').run(
      participantId,
      at,
      invite.id,
    );
    if (claimed.changes === 0) throw invalid('Some fields are not valid', BAD_INVITE);
    prepared(
      'INSERT INTO delegations (participant_id, state_code, granted_by, granted_at) SELECT ?, state_code, created_by, ? FROM invites WHERE id = ?',
    ).run(participantId, at, invite.id);
    appendEvent({
      type: 'delegation.changed',
      subjectId: participantId,
      actor: null,
      attribution: 'named',
      payload: { participant: { id: participantId, name: input.name }, from: null, to: invite.stateCode, via: 'invite' },
    });
  }
  return participantId;
}
