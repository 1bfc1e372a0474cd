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

export function loadViewerByApiToken(tokenHash: string): Viewer | null {
  const row = prepared(`${SELECT_VIEWER} JOIN api_tokens t ON t.participant_id = p.id WHERE t.token_hash = ? AND t.revoked_at IS NULL`).get(
    tokenHash,
  ) as ViewerRow | undefined;
  return row && !row.disabledAt ? toViewer(row) : null;
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
