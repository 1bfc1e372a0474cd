import { sql } from 'drizzle-orm';
import { db, type Db } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import type { Status } from '../../consensus/codes';
import { notFound } from '../../errors';
import { visibleThread, type VisibleThread } from '../threads/thread-access';

export interface InitiativeRow {
  id: number;
  threadId: number;
  title: string;
  summary: string;
  openToJoin: number;
  status: Status;
  format: string;
  label: string;
  minus: string;
  endorsementCount: number;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  formalizedAt: string | null;
  version: number;
  silenceStartedAt: string | null;
  silenceDeadline: string | null;
  reviewAt: string | null;
}

export const INITIATIVE_COLUMNS = sql.raw(`i.id, i.thread_id AS "threadId", i.title, i.summary, i.open_to_join AS "openToJoin", i.status,
  i.format, i.label, i.minus, i.endorsement_count AS "endorsementCount", i.created_by AS "createdBy",
  i.created_at AS "createdAt", i.updated_at AS "updatedAt", i.formalized_at AS "formalizedAt", i.version,
  i.silence_started_at AS "silenceStartedAt", i.silence_deadline AS "silenceDeadline", i.review_at AS "reviewAt"`);

export function findInitiative(id: number, q: Db = db()): Promise<InitiativeRow | undefined> {
  return q.get<InitiativeRow>(sql`SELECT ${INITIATIVE_COLUMNS} FROM initiatives i WHERE i.id = ${id}`);
}

/** The initiative and its room if this participant may see the room; otherwise 404. */
export async function visibleInitiative(
  viewer: Viewer,
  id: number,
  q: Db = db(),
): Promise<{ initiative: InitiativeRow; thread: VisibleThread }> {
  const initiative = await findInitiative(id, q);
  if (!initiative) throw notFound('initiativeNotFound');
  try {
    return { initiative, thread: await visibleThread(viewer, initiative.threadId, q) };
  } catch {
    throw notFound('initiativeNotFound');
  }
}
