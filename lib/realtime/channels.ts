/**
 * Live channels, named the same way by the server and the browser: `dashboard`, or `thread:<id>`
 * for one room. No server imports: the browser's live client uses this module too.
 */
export type Channel = { kind: 'dashboard' } | { kind: 'thread'; threadId: number };

export const DASHBOARD_CHANNEL = 'dashboard';
export const CHANNEL_PATTERN = /^(?:dashboard|thread:[1-9]\d{0,14})$/;

export const threadChannel = (threadId: number) => `thread:${threadId}`;

export function channelName(channel: Channel): string {
  return channel.kind === 'dashboard' ? DASHBOARD_CHANNEL : threadChannel(channel.threadId);
}

/** The channel a name denotes, or null for anything else. */
export function parseChannel(name: string): Channel | null {
  if (!CHANNEL_PATTERN.test(name)) return null;
  return name === DASHBOARD_CHANNEL ? { kind: 'dashboard' } : { kind: 'thread', threadId: Number(name.slice('thread:'.length)) };
}

/** Room chatter stays in its room's channel; the dashboard carries everything else. */
export const ROOM_ONLY_EVENT_TYPES: ReadonlySet<string> = new Set([
  'message.created',
  'message.edited',
  'message.retracted',
  'message.hidden',
  'member.added',
  'member.removed',
]);

/** Whether an event (that its reader may see) belongs on a channel. */
export function channelCarries(channel: Channel, event: { type: string; threadId: number | null }): boolean {
  return channel.kind === 'dashboard' ? !ROOM_ONLY_EVENT_TYPES.has(event.type) : event.threadId === channel.threadId;
}
