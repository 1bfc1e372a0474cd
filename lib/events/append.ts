import { prepared, sqlite } from '../../db/client';
import type { Viewer } from '../access/viewer';
import { now } from '../clock';
import { publicActor, type Attribution } from './actor';
import type { EventType } from './types';

export interface NewEvent {
  type: EventType;
  threadId?: number | null;
  initiativeId?: number | null;
  /** For events outside rooms: the participant concerned, who may see it besides facilitators. */
  subjectId?: number | null;
  actor: Viewer | null;
  /** The room's attribution mode: decides whether the actor's name is stored for readers. */
  attribution: Attribution;
  /** Must already be fit for every reader of the room (no names in chatham rooms). */
  payload: Record<string, unknown>;
}

/** Appends to the event log. Call only inside `write()`, in the transaction of the change itself. */
export function appendEvent(event: NewEvent): number {
  if (!sqlite().inTransaction) throw new Error('appendEvent must run inside the transaction of its change');
  const result = prepared(
    `INSERT INTO events (type, thread_id, initiative_id, subject_id, actor_id, actor, payload, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    event.type,
    event.threadId ?? null,
    event.initiativeId ?? null,
    event.subjectId ?? null,
    event.actor?.id ?? null,
    event.actor ? JSON.stringify(publicActor(event.actor, event.attribution)) : null,
    JSON.stringify(event.payload),
    now(),
  );
  return Number(result.lastInsertRowid);
}
