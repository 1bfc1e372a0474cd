import { sql } from 'drizzle-orm';
import { db, type Db } from '../../db/client';
import type { Tables } from '../../db/schema';
import type { Affiliation, Role, StateCode } from '../consensus/codes';
import { dialectSql } from '../../db/sql';

type ParticipantRow = Tables['participants']['$inferSelect'];

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
  /** The partner (EU, JP, …) a partner account represents, if granted. */
  partner: string | null;
  tokenVersion: number;
}

type ViewerRow = Pick<ParticipantRow, 'id' | 'name' | 'email' | 'affiliation' | 'organization' | 'role' | 'tokenVersion' | 'disabledAt'> & {
  state: StateCode | null;
  partner: string | null;
};

const SELECT_VIEWER = sql.raw(`
  SELECT p.id, p.name, p.email, p.affiliation, p.organization, p.role, d.state_code AS state, p.partner_code AS partner,
         p.token_version AS "tokenVersion", p.disabled_at AS "disabledAt"
  FROM participants p LEFT JOIN delegations d ON d.participant_id = p.id`);

/** An active participant by id, or null (unknown or disabled). */
export async function loadViewer(id: number, q: Db = db()): Promise<Viewer | null> {
  const row = await q.get<ViewerRow>(sql`${SELECT_VIEWER} WHERE p.id = ${id}`);
  return row && !row.disabledAt ? toViewer(row) : null;
}

/** The owner of a live API token (not revoked, not expired), with the token's own id and last use. */
export async function loadViewerByApiToken(
  tokenHash: string,
  at: string,
): Promise<{ viewer: Viewer; tokenId: number; lastUsedAt: string | null } | null> {
  const row = await db().get<ViewerRow & { tokenId: number; lastUsedAt: string | null }>(
    sql`SELECT p.id, p.name, p.email, p.affiliation, p.organization, p.role, d.state_code AS state, p.partner_code AS partner,
               p.token_version AS "tokenVersion", p.disabled_at AS "disabledAt", t.id AS "tokenId", t.last_used_at AS "lastUsedAt"
        FROM api_tokens t JOIN participants p ON p.id = t.participant_id LEFT JOIN delegations d ON d.participant_id = p.id
        WHERE t.token_hash = ${tokenHash} AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ${at})`,
  );
  if (!row || row.disabledAt) return null;
  const { tokenId, lastUsedAt, ...viewer } = row;
  return { viewer: toViewer(viewer), tokenId, lastUsedAt };
}

function toViewer({ disabledAt: _disabled, ...viewer }: ViewerRow): Viewer {
  return viewer as Viewer;
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
    partner: viewer.partner,
  };
}
export type SessionUser = ReturnType<typeof sessionUser>;

/** The token version of each active participant among these ids (disabled ones are absent). */
export async function currentTokenVersions(ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db().all<{ id: number; tokenVersion: number }>(
    sql`SELECT id, token_version AS "tokenVersion" FROM participants WHERE ${dialectSql.inList(sql`id`, ids)} AND disabled_at IS NULL`,
  );
  return new Map(rows.map((r) => [r.id, r.tokenVersion]));
}
