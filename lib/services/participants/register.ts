import crypto from 'node:crypto';
import { prepared } from '../../../db/client';
import { sessionUser, type SessionUser } from '../../access/viewer';
import type { StateCode } from '../../consensus/codes';
import { now } from '../../clock';
import { invalid } from '../../errors';
import { appendEvent } from '../../events/append';
import { hashPassword } from '../../auth/password';
import { parseInput } from '../../validation/common';
import { registerInput } from '../../validation/participants';
import { loadViewer } from '../../access/viewer';
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

function usableInvite(code: string): InviteRow {
  const invite = prepared(
    'SELECT id, state_code AS stateCode, expires_at AS expiresAt, used_at AS usedAt FROM invites WHERE code_hash = ?',
  ).get(hashInviteCode(code)) as InviteRow | undefined;
  if (!invite || invite.usedAt || invite.expiresAt <= now()) {
    throw invalid('Some fields are not valid', { inviteCode: 'This invite code is not valid or has been used' });
  }
  return invite;
}

/**
 * Registers a participant. A delegation is never self-declared: only a facilitator's invite makes
 * the registrant a government delegate of the invite's state.
 */
export async function registerParticipant(rawInput: unknown, options: { role?: 'participant' | 'facilitator' } = {}): Promise<SessionUser> {
  const input = parseInput(registerInput, rawInput);
  const invite = input.inviteCode ? usableInvite(input.inviteCode) : null;
  if (invite && input.affiliation !== 'government') {
    throw invalid('Some fields are not valid', { affiliation: 'An invite makes you a government delegate: choose government' });
  }
  const passwordHash = await hashPassword(input.password);
  const id = write(() => {
    if (prepared('SELECT 1 FROM participants WHERE email = ?').get(input.email)) {
      throw invalid('Some fields are not valid', { email: 'This email is already registered' });
    }
    const at = now();
    const participantId = Number(
      prepared(
        `INSERT INTO participants (email, name, password_hash, affiliation, organization, role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(input.email, input.name, passwordHash, input.affiliation, input.organization || null, options.role ?? 'participant', at)
        .lastInsertRowid,
    );
    if (invite) {
      // Re-checked inside the transaction: two registrations racing for one invite, one wins.
      const claimed = prepared('UPDATE invites SET used_by = ?, used_at = ? WHERE id = ? AND used_at IS NULL').run(
        participantId,
        at,
        invite.id,
      );
      if (claimed.changes === 0)
        throw invalid('Some fields are not valid', { inviteCode: 'This invite code is not valid or has been used' });
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
  });
  return sessionUser(loadViewer(id)!);
}
