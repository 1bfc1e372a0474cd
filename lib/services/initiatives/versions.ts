import { sql } from 'drizzle-orm';
import { db, type Db } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import { publicActor } from '../../events/actor';
import type { PublicActor } from '../../events/types';
import { pageQuery, parseInput } from '../../validation/common';
import { pageOf, type Page } from '../pagination';
import { participantsById } from '../threads/serialize-thread';
import { visibleInitiative } from './initiative-access';

export interface VersionView {
  version: number;
  title: string;
  summary: string;
  editedBy: PublicActor | null;
  createdAt: string;
}

/** Every text an initiative has had, newest first (version 1 is the proposal); as visible as the initiative. */
export async function listVersions(viewer: Viewer, initiativeId: number, rawQuery: unknown = {}, q: Db = db()): Promise<Page<VersionView>> {
  const query = parseInput(pageQuery, rawQuery);
  const { thread } = await visibleInitiative(viewer, initiativeId, q);
  const before = query.cursor ? sql`AND version < ${Number(query.cursor)}` : sql``;
  const rows = await q.all<{ version: number; title: string; summary: string; editedBy: number; createdAt: string }>(
    sql`SELECT version, title, summary, edited_by AS "editedBy", created_at AS "createdAt" FROM initiative_versions
        WHERE initiative_id = ${initiativeId} ${before} ORDER BY version DESC LIMIT ${query.limit + 1}`,
  );
  return pageOf(
    rows,
    query.limit,
    (row) => String(row.version),
    async (page) => {
      const editors = await participantsById(
        page.map((r) => r.editedBy),
        q,
      );
      return page.map((r) => {
        const editor = editors.get(r.editedBy);
        return {
          version: r.version,
          title: r.title,
          summary: r.summary,
          editedBy: editor ? publicActor(editor, thread.attribution) : null,
          createdAt: r.createdAt,
        };
      });
    },
  );
}
