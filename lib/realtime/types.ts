import type { PublicActor, PublicEvent } from '../events/types';
import type { NotificationView } from '../services/notifications/render';
import type { MessageView } from '../services/threads/messages';

export type Ack<T> = (
  response: ({ ok: true } & T) | { ok: false; error: string; message?: string; fields?: Record<string, string> },
) => void;

export interface ClientToServerEvents {
  subscribe: (payload: unknown, ack?: Ack<{ missed: PublicEvent[]; truncated?: boolean }>) => void;
  unsubscribe: (payload: unknown, ack?: Ack<object>) => void;
  'message:send': (payload: unknown, ack?: Ack<{ message: MessageView }>) => void;
  /** The ack (optional, an addition to PRODUCT.md's contract) says whether it was passed on. */
  typing: (payload: unknown, ack?: Ack<object>) => void;
}

export interface ServerToClientEvents {
  event: (event: PublicEvent) => void;
  presence: (presence: { threadId: number; participants: PublicActor[] }) => void;
  typing: (typing: { threadId: number; who: PublicActor }) => void;
  /** A new notification for this socket's participant (PRODUCT.md), its title in their language. */
  notification: (notification: NotificationView) => void;
  /** The server took a channel away (membership removed): resubscribing will be refused. */
  unsubscribed: (notice: { channel: string; reason: string }) => void;
}

export interface SocketData {
  participantId: number;
  tokenVersion: number;
  /** When the session cookie of the handshake expires (seconds since the epoch). */
  expiresAt: number;
  channels: Set<string>;
  /** How this socket's participant appears at each room's table it sits at (plain data: other processes read it). */
  seats: Record<number, PublicActor>;
  /** The attribution of each room this socket is subscribed to (how its typing shows). */
  attribution: Map<number, 'named' | 'chatham'>;
  /** Per-socket budgets for chatty events (typing, subscribe). */
  limits: SocketLimits;
}

export interface SocketLimits {
  take(kind: 'typing' | 'subscribe'): boolean;
}
