import crypto from 'node:crypto';
import { prepared } from '../../../db/client';
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

export interface CreatedInvite {
  id: number;
  /** Shown once; only its hash is stored. */
  code: string;
  state: string;
  expiresAt: string;
}

/** A facilitator invites a delegate of a given state; the code is the only way to register as one. */
export function createInvite(viewer: Viewer, rawInput: unknown): CreatedInvite {
  if (!canManageDelegations(viewer)) throw forbidden('Only a facilitator issues invites');
  const { state } = parseInput(inviteInput, rawInput);
  const code = crypto.randomBytes(18).toString('base64url');
  return write(() => {
    const at = now();
    const expiresAt = new Date(Date.parse(at) + INVITE_DAYS * 86_400_000).toISOString();
    const id = Number(
      prepared('INSERT INTO invites (code_hash, state_code, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
        hashInviteCode(code),
        state,
        viewer.id,
        at,
        expiresAt,
      ).lastInsertRowid,
    );
    appendEvent({ type: 'invite.created', actor: viewer, attribution: 'named', payload: { inviteId: id, state, expiresAt } });
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

export function listInvites(viewer: Viewer): InviteView[] {
  if (!canManageDelegations(viewer)) throw forbidden('Only a facilitator sees invites');
  return prepared(
    `SELECT i.id, i.state_code AS state, i.created_at AS createdAt, i.expires_at AS expiresAt, i.used_at AS usedAt, p.name AS usedBy
     FROM invites i LEFT JOIN participants p ON p.id = i.used_by ORDER BY i.id DESC LIMIT 100`,
  ).all() as InviteView[];
}
