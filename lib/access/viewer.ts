import type { Affiliation, Role, StateCode } from '../consensus/codes';
import { prepared } from '../../db/client';

/** The acting participant, as every service sees it: loaded fresh from the database per request. */
export interface Viewer {
  id: number;
  name: string;
  email: string;
  affiliation: Affiliation;
  organization: string | null;
  role: Role;
  /** The state of this participant's verified delegation, if any. */
  state: StateCode | null;
  tokenVersion: number;
}

interface ViewerRow {
  id: number;
  name: string;
  email: string;
  affiliation: Affiliation;
  organization: string | null;
  role: Role;
  state: StateCode | null;
  tokenVersion: number;
  disabledAt: string | null;
}

const SELECT_VIEWER = `
  SELECT p.id, p.name, p.email, p.affiliation, p.organization, p.role, d.state_code AS state,
         p.token_version AS tokenVersion, p.disabled_at AS disabledAt
  FROM participants p LEFT JOIN delegations d ON d.participant_id = p.id`;

/** An active participant by id, or null (unknown or disabled). */
export function loadViewer(id: number): Viewer | null {
  const row = prepared(`${SELECT_VIEWER} WHERE p.id = ?`).get(id) as ViewerRow | undefined;
  return row && !row.disabledAt ? toViewer(row) : null;
}

/** The owner of a live API token (not revoked, not expired), with the token's own id and last use. */
export function loadViewerByApiToken(tokenHash: string, at: string): { viewer: Viewer; tokenId: number; lastUsedAt: string | null } | null {
  const row = prepared(
    `${SELECT_VIEWER.replace('SELECT', 'SELECT t.id AS tokenId, t.last_used_at AS lastUsedAt,')}
     JOIN api_tokens t ON t.participant_id = p.id
     WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)`,
  ).get(tokenHash, at) as (ViewerRow & { tokenId: number; lastUsedAt: string | null }) | undefined;
  if (!row || row.disabledAt) return null;
  const { tokenId, lastUsedAt, ...viewer } = row;
  return { viewer: toViewer(viewer), tokenId, lastUsedAt };
}

function toViewer({ disabledAt: _disabled, ...viewer }: ViewerRow): Viewer {
  return viewer;
}

/** What the session and the pages may show about the signed-in participant. */
export function sessionUser(viewer: Viewer) {
  return {
    id: viewer.id,
    name: viewer.name,
    email: viewer.email,
    affiliation: viewer.affiliation,
    role: viewer.role,
    state: viewer.state,
  };
}
export type SessionUser = ReturnType<typeof sessionUser>;

/** The token version of each active participant among these ids (disabled ones are absent). */
export function currentTokenVersions(ids: number[]): Map<number, number> {
  if (ids.length === 0) return new Map();
  const rows = prepared(
    `SELECT id, token_version AS tokenVersion FROM participants WHERE id IN (SELECT value FROM json_each(?)) AND disabled_at IS NULL`,
  ).all(JSON.stringify(ids)) as { id: number; tokenVersion: number }[];
  return new Map(rows.map((r) => [r.id, r.tokenVersion]));
}
