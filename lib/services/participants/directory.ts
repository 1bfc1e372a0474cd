import { prepared } from '../../../db/client';
import { isFacilitator } from '../../access/rules';
import { sessionUser, type SessionUser, type Viewer } from '../../access/viewer';
import { forbidden } from '../../errors';

/** The participant directory, for facilitators seating members and granting delegations. */
export function listParticipants(viewer: Viewer): (SessionUser & { organization: string | null })[] {
  if (!isFacilitator(viewer)) throw forbidden('Only a facilitator sees the participant directory');
  const rows = prepared(
    `SELECT p.id, p.name, p.email, p.affiliation, p.organization, p.role, d.state_code AS state, p.token_version AS tokenVersion
     FROM participants p LEFT JOIN delegations d ON d.participant_id = p.id
     WHERE p.disabled_at IS NULL ORDER BY p.name LIMIT 1000`,
  ).all() as Viewer[];
  return rows.map((r) => ({ ...sessionUser(r), organization: r.organization }));
}
