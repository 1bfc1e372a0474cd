import type { ImplementationStatus, Position, Status } from '@/lib/consensus/codes';

/** The words a change is told in, translated on the server (the dashboard's client carries no i18n runtime). */
export interface ChangeWords {
  states: Record<string, string>;
  position: Record<Position, string>;
  status: Record<Status, string>;
  /** "Status: {status}." */
  statusNow: string;
  /** "{state} joined." */
  joined: string;
  /** "{initiative}: {change}", where a page shows several initiatives. */
  about: string;
  /** The text beside a row that just changed. */
  changed: string;
  /** "Consensus ad referendum", the status of a consensus awaiting a capital. */
  provisional: string;
  /** "{state} confirmed its endorsement." */
  confirmed: string;
  /** "{state}: the endorsement ad referendum lapsed; back to pending." */
  lapsed: string;
  silenceStarted: string;
  silenceBroken: string;
  silenceConcluded: string;
  /** Implementation statuses as they read inside a sentence ("in progress"). */
  implementation: Record<ImplementationStatus, string>;
  /** "{state}: implementation {status}." */
  implementationChanged: string;
  reviewSet: string;
}

interface ChangeEvent {
  type: string;
  actor: object | null;
  payload: Record<string, unknown>;
}

export const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

/**
 * A change to an initiative in words, as a screen reader should hear it
 * ("Uzbekistan: Pending → Endorses." then "Status: Consensus."), or null when it is not worth a word.
 * The viewer's own stance is not told back to them (their form confirms it); the status it moved is.
 */
export function describeChange(event: ChangeEvent, words: ChangeWords, viewerId: number): string | null {
  const own = event.actor !== null && 'id' in event.actor && event.actor.id === viewerId;
  if (own && (event.type === 'stance.changed' || event.type === 'implementation.changed')) return null;
  const p = event.payload as { state?: string; from?: string; to?: string; adReferendum?: boolean; provisional?: boolean };
  const state = p.state ? (words.states[p.state] ?? p.state) : '';
  switch (event.type) {
    case 'stance.changed':
      return `${state}: ${words.position[p.from as Position] ?? p.from} → ${words.position[p.to as Position] ?? p.to}${p.adReferendum ? ' (ad referendum)' : ''}.`;
    case 'stance.confirmed':
      return fill(words.confirmed, { state });
    case 'stance.lapsed':
      return fill(words.lapsed, { state });
    case 'status.changed':
      if (p.from === p.to) return null;
      return fill(words.statusNow, { status: p.provisional ? words.provisional : (words.status[p.to as Status] ?? String(p.to)) });
    case 'initiative.formalized':
      return fill(words.statusNow, { status: words.status.formalized });
    case 'silence.started':
      return words.silenceStarted;
    case 'silence.broken':
      return words.silenceBroken;
    case 'silence.concluded':
      return words.silenceConcluded;
    case 'initiative.joined':
      return fill(words.joined, { state });
    case 'implementation.changed':
      return fill(words.implementationChanged, { state, status: words.implementation[p.to as ImplementationStatus] ?? String(p.to) });
    case 'implementation.review_set':
      return words.reviewSet;
    default:
      return null;
  }
}
