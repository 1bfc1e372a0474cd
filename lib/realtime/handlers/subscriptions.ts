import { visibleThread, discreetRoomsOf } from '../../services/threads/thread-access';
import { rateLimited } from '../../errors';
import { publicActor } from '../../events/actor';
import { subscribeInput, unsubscribeInput } from '../../validation/socket';
import { invalidPayload, refusal, replyTo, SESSION_ENDED } from '../ack';
import { channelName, parseChannel } from '../channels';
import type { LiveSocket, RealtimeContext } from '../context';
import { missedEvents } from '../replay';
import { isDashboardRoom, rooms } from '../rooms';
import type { PublicEvent } from '../../events/types';

type Subscribed = { missed: PublicEvent[]; truncated?: boolean };

/** `subscribe` (with the replay of what was missed) and `unsubscribe`. */
export function registerSubscriptionHandlers(ctx: RealtimeContext, socket: LiveSocket): void {
  socket.on('subscribe', (payload, ack) => {
    const reply = replyTo<Subscribed>(ack);
    const parsed = subscribeInput.safeParse(payload);
    if (!parsed.success) return reply(invalidPayload(parsed.error));
    if (!socket.data.limits.take('subscribe')) return reply(refusal(rateLimited('Too many subscriptions; slow down'), 'subscribe'));
    const viewer = ctx.currentViewer(socket);
    if (!viewer) return reply(SESSION_ENDED);
    const channel = parseChannel(parsed.data.channel)!;
    const { since } = parsed.data;
    // Synchronous from here to the ack: nothing is broadcast in between, so the replay ends
    // exactly at the broadcaster's cursor and live delivery continues after it.
    try {
      const upTo = ctx.broadcaster.cursor;
      if (channel.kind === 'dashboard') {
        const replay = since === undefined ? { events: [], truncated: false } : missedEvents(viewer, channel, since, upTo);
        socket.join(rooms.dashboard);
        if (viewer.role === 'facilitator') socket.join(rooms.dashboardFacilitators);
        socket.join(rooms.dashboardSubject(viewer.id));
        for (const threadId of discreetRoomsOf(viewer)) socket.join(rooms.dashboardDiscreet(threadId));
        socket.data.channels.add(channelName(channel));
        return reply({ ok: true, missed: replay.events, ...(replay.truncated ? { truncated: true } : {}) });
      }
      const thread = visibleThread(viewer, channel.threadId);
      const replay = since === undefined ? { events: [], truncated: false } : missedEvents(viewer, channel, since, upTo);
      const name = channelName(channel);
      if (!socket.data.channels.has(name)) {
        socket.data.channels.add(name);
        socket.data.attribution.set(thread.id, thread.attribution);
        socket.join(rooms.thread(thread.id));
        ctx.presence.join(thread.id, viewer.id, publicActor(viewer, thread.attribution));
      }
      reply({ ok: true, missed: replay.events, ...(replay.truncated ? { truncated: true } : {}) });
      ctx.announcePresence(thread.id);
    } catch (error) {
      reply(refusal(error, 'subscribe'));
    }
  });

  socket.on('unsubscribe', (payload, ack) => {
    const reply = replyTo<object>(ack);
    const parsed = unsubscribeInput.safeParse(payload);
    if (!parsed.success) return reply(invalidPayload(parsed.error));
    const channel = parseChannel(parsed.data.channel)!;
    if (channel.kind === 'dashboard') {
      socket.data.channels.delete(channelName(channel));
      for (const room of [...socket.rooms]) if (isDashboardRoom(room)) socket.leave(room);
    } else {
      ctx.leaveThread(socket, channel.threadId);
    }
    reply({ ok: true });
  });
}
