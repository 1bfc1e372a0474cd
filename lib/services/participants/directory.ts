import { sql } from 'drizzle-orm';
import { db } from '../../../db/client';
import { isFacilitator } from '../../access/rules';
import { sessionUser, type SessionUser, type Viewer } from '../../access/viewer';
import { forbidden } from '../../errors';

export type DirectoryEntry = SessionUser & { organization: string | null; disabled: boolean };

/**
 * The participant directory, for facilitators seating members, granting delegations and
 * disabling accounts (disabled accounts are listed only when asked for).
 */
export async function listParticipants(viewer: Viewer, { includeDisabled = false } = {}): Promise<DirectoryEntry[]> {
  if (!isFacilitator(viewer)) throw forbidden('onlyFacilitatorDirectory');
  const active = includeDisabled ? sql`` : sql`WHERE p.disabled_at IS NULL`;
  const rows = await db().all<Viewer & { disabledAt: string | null }>(
    sql`SELECT p.id, p.name, p.email, p.affiliation, p.organization, p.role, d.state_code AS state, p.partner_code AS partner,
               p.token_version AS "tokenVersion", p.disabled_at AS "disabledAt"
        FROM participants p LEFT JOIN delegations d ON d.participant_id = p.id
        ${active} ORDER BY p.name LIMIT 1000`,
  );
  return rows.map((r) => ({ ...sessionUser(r), organization: r.organization, disabled: r.disabledAt !== null }));
}
