import { prepared } from '../../../db/client';
import { isFacilitator } from '../../access/rules';
import { sessionUser, type SessionUser, type Viewer } from '../../access/viewer';
import { forbidden } from '../../errors';

export type DirectoryEntry = SessionUser & { organization: string | null; disabled: boolean };

/**
 * The participant directory, for facilitators seating members, granting delegations and
 * disabling accounts (disabled accounts are listed only when asked for).
 */
export function listParticipants(viewer: Viewer, { includeDisabled = false } = {}): DirectoryEntry[] {
  if (!isFacilitator(viewer)) throw forbidden('Only a facilitator sees the participant directory');
  const rows = prepared(
    `SELECT p.id, p.name, p.email, p.affiliation, p.organization, p.role, d.state_code AS state, p.token_version AS tokenVersion,
            p.disabled_at IS NOT NULL AS disabled
     FROM participants p LEFT JOIN delegations d ON d.participant_id = p.id
     WHERE (? = 1 OR p.disabled_at IS NULL) ORDER BY p.name LIMIT 1000`,
  ).all(includeDisabled ? 1 : 0) as (Viewer & { disabled: number })[];
  return rows.map((r) => ({ ...sessionUser(r), organization: r.organization, disabled: Boolean(r.disabled) }));
}
