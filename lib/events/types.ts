import type { Affiliation, StateCode } from '../consensus/codes';

export const EVENT_TYPES = [
  'thread.created',
  'thread.updated',
  'thread.archived',
  'member.added',
  'member.removed',
  'message.created',
  'message.edited',
  'message.retracted',
  'message.hidden',
  'message.reported',
  'report.resolved',
  'initiative.proposed',
  'initiative.edited',
  'initiative.joined',
  'initiative.partner_joined',
  'stance.changed',
  'stance.confirmed',
  'stance.lapsed',
  'silence.started',
  'silence.broken',
  'silence.concluded',
  'endorsement.added',
  'endorsement.removed',
  'status.changed',
  'initiative.formalized',
  'delegation.changed',
  'invite.created',
  'participant.disabled',
  'participant.enabled',
  'meeting.scheduled',
  'meeting.updated',
  'readout.drafted',
  'readout.approved',
  'readout.released',
  'implementation.changed',
  'implementation.review_set',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Who did it, as readers may see it: in a chatham room, affiliation and state only. */
export type PublicActor =
  { id: number; name: string; affiliation: Affiliation; state: StateCode | null } | { affiliation: Affiliation; state: StateCode | null };

/** The event as the API and sockets send it (PRODUCT.md). */
export interface PublicEvent {
  id: number;
  type: EventType;
  threadId: number | null;
  initiativeId: number | null;
  actor: PublicActor | null;
  payload: Record<string, unknown>;
  createdAt: string;
}
