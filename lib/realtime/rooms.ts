/** socket.io room names. A socket joins a room only after the server decided it may see it. */
export const rooms = {
  /** Every socket of a participant (revocations, membership changes). */
  participant: (id: number) => `p:${id}`,
  /** Subscribers of a room's channel. */
  thread: (id: number) => `t:${id}`,
  /** Dashboard subscribers: events of open rooms. */
  dashboard: 'dash',
  /** Dashboard subscribers who are members of a discreet room: its events. */
  dashboardDiscreet: (threadId: number) => `dm:${threadId}`,
  /** Dashboard subscribers who are facilitators: events outside rooms. */
  dashboardFacilitators: 'dash-fac',
  /** A dashboard subscriber's own events outside rooms (its delegation). */
  dashboardSubject: (id: number) => `dash-p:${id}`,
};

/** Room chatter stays in its room's channel; the dashboard gets everything else. */
export const ROOM_ONLY_EVENT_TYPES = new Set(['message.created', 'member.added', 'member.removed']);
