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

/** Whether a socket.io room is one of the dashboard's (left together on unsubscribe). */
export const isDashboardRoom = (room: string) => room.startsWith('dash') || room.startsWith('dm:');
