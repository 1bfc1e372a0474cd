import { sql } from 'drizzle-orm';
import { db, type Db } from '../../../db/client';
import { loadViewer, type Viewer } from '../../access/viewer';
import { verifyAgainstNothing, verifyPassword } from '../../auth/password';
import { notifySessionsRevoked } from '../../realtime/hooks';
import { signInInput } from '../../validation/participants';
import { write } from '../write';

/** The participant for these credentials, or null; an unknown email costs the same time as a wrong password. */
export async function verifyCredentials(raw: unknown): Promise<Viewer | null> {
  const parsed = signInInput.safeParse(raw);
  if (!parsed.success) return null;
  const row = await db().get<{ id: number; passwordHash: string; disabledAt: string | null }>(
    sql`SELECT id, password_hash AS "passwordHash", disabled_at AS "disabledAt" FROM participants WHERE email = ${parsed.data.email}`,
  );
  if (!row) return verifyAgainstNothing(parsed.data.password).then(() => null);
  if (!(await verifyPassword(row.passwordHash, parsed.data.password)) || row.disabledAt) return null;
  return loadViewer(row.id);
}

/** Ends every session of this participant (sign-out): older session tokens stop working. */
export async function revokeSessions(participantId: number): Promise<void> {
  await write((tx) => bumpTokenVersion(tx, participantId));
  notifySessionsRevoked(participantId);
}

/** Makes every session token issued so far stale (inside a change's transaction). */
export async function bumpTokenVersion(tx: Db, participantId: number): Promise<void> {
  await tx.run(sql`UPDATE participants SET token_version = token_version + 1 WHERE id = ${participantId}`);
}
