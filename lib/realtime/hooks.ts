import type { StoredNotification } from '../services/notifications/store';
import { peekSingleton } from '../singleton';

/**
 * What the realtime layer registers, so services (in whichever module copy) can reach it without
 * importing socket.io: told after each commit, and when a participant's sessions end.
 */
export interface RealtimeHooks {
  eventsCommitted(): void;
  sessionsRevoked(participantId: number): void;
  /** Committed notifications, for their readers' sockets on every process. */
  notificationsCommitted(notifications: StoredNotification[]): void;
}

export const REALTIME_HOOKS = 'realtime-hooks';

export function notifyCommitted(): void {
  peekSingleton<RealtimeHooks>(REALTIME_HOOKS)?.eventsCommitted();
}

export function notifySessionsRevoked(participantId: number): void {
  peekSingleton<RealtimeHooks>(REALTIME_HOOKS)?.sessionsRevoked(participantId);
}

export function notifyNotifications(notifications: StoredNotification[]): void {
  peekSingleton<RealtimeHooks>(REALTIME_HOOKS)?.notificationsCommitted(notifications);
}
