import { prepared } from '../../../db/client';
import { loadViewer, type Viewer } from '../../access/viewer';
import { verifyAgainstNothing, verifyPassword } from '../../auth/password';
import { notifySessionsRevoked } from '../../realtime/hooks';
import { signInInput } from '../../validation/participants';

/** The participant for these credentials, or null; an unknown email costs the same time as a wrong password. */
export async function verifyCredentials(raw: unknown): Promise<Viewer | null> {
  const parsed = signInInput.safeParse(raw);
  if (!parsed.success) return null;
  const row = prepared('SELECT id, password_hash AS passwordHash, disabled_at AS disabledAt FROM participants WHERE email = ?').get(
    parsed.data.email,
  ) as { id: number; passwordHash: string; disabledAt: string | null } | undefined;
  if (!row) return verifyAgainstNothing(parsed.data.password).then(() => null);
  if (!(await verifyPassword(row.passwordHash, parsed.data.password)) || row.disabledAt) return null;
  return loadViewer(row.id);
}

/** Ends every session of this participant (sign-out): older session tokens stop working. */
export function revokeSessions(participantId: number): void {
  bumpTokenVersion(participantId);
  notifySessionsRevoked(participantId);
}

/** Makes every session token issued so far stale (inside a change's transaction, or alone). */
export function bumpTokenVersion(participantId: number): void {
  prepared('UPDATE participants SET token_version = token_version + 1 WHERE id = ?').run(participantId);
}
