import { discreetRoomsOf, visibleThread } from '../../services/threads/thread-access';
import { rateLimited } from '../../errors';
import { publicActor } from '../../events/actor';
import type { PublicEvent } from '../../events/types';
import { subscribeInput, unsubscribeInput } from '../../validation/socket';
import { invalidPayload, refusal, replyTo, SESSION_ENDED } from '../ack';
import { channelName, parseChannel } from '../channels';
import type { LiveSocket, RealtimeContext } from '../context';
import { takeSeat } from '../presence';
import { missedEvents } from '../replay';
import { isDashboardRoom, rooms } from '../rooms';

type Subscribed = { missed: PublicEvent[]; truncated?: boolean };
const NOTHING_MISSED = { events: [], truncated: false };

/** `subscribe` (with the replay of what was missed) and `unsubscribe`. */
export function registerSubscriptionHandlers(ctx: RealtimeContext, socket: LiveSocket): void {
  socket.on('subscribe', async (payload, ack) => {
    const reply = replyTo<Subscribed>(ack);
    const parsed = subscribeInput.safeParse(payload);
    if (!parsed.success) return reply(await invalidPayload(parsed.error, socket));
    if (!socket.data.limits.take('subscribe')) return reply(await refusal(rateLimited('tooManySubscriptions'), 'subscribe', socket));
    try {
      const viewer = await ctx.currentViewer(socket);
      if (!viewer) return reply(SESSION_ENDED);
      const channel = parseChannel(parsed.data.channel)!;
      const { since } = parsed.data;
      const name = channelName(channel);
      if (channel.kind === 'dashboard') {
        const discreet = await discreetRoomsOf(viewer);
        // Replay up to the broadcaster's cursor, then join, before it emits anything newer.
        const replay = await ctx.broadcaster.replayThenJoin(async (upTo) => {
          const missed = since === undefined ? NOTHING_MISSED : await missedEvents(viewer, channel, since, upTo);
          void socket.join([rooms.dashboard, rooms.dashboardSubject(viewer.id), ...discreet.map(rooms.dashboardDiscreet)]);
          if (viewer.role === 'facilitator') void socket.join(rooms.dashboardFacilitators);
          socket.data.channels.add(name);
          return missed;
        });
        return reply({ ok: true, missed: replay.events, ...(replay.truncated ? { truncated: true } : {}) });
      }
      const thread = await visibleThread(viewer, channel.threadId);
      const replay = await ctx.broadcaster.replayThenJoin(async (upTo) => {
        const missed = since === undefined ? NOTHING_MISSED : await missedEvents(viewer, channel, since, upTo);
        if (!socket.data.channels.has(name)) {
          socket.data.channels.add(name);
          socket.data.attribution.set(thread.id, thread.attribution);
          void socket.join(rooms.thread(thread.id));
          takeSeat(socket, thread.id, publicActor(viewer, thread.attribution));
        }
        return missed;
      });
      reply({ ok: true, missed: replay.events, ...(replay.truncated ? { truncated: true } : {}) });
      await ctx.announcePresence(thread.id);
    } catch (error) {
      reply(await refusal(error, 'subscribe', socket));
    }
  });

  socket.on('unsubscribe', async (payload, ack) => {
    const reply = replyTo<object>(ack);
    const parsed = unsubscribeInput.safeParse(payload);
    if (!parsed.success) return reply(await invalidPayload(parsed.error, socket));
    const channel = parseChannel(parsed.data.channel)!;
    if (channel.kind === 'dashboard') {
      socket.data.channels.delete(channelName(channel));
      for (const room of [...socket.rooms]) if (isDashboardRoom(room)) void socket.leave(room);
    } else {
      await ctx.leaveThread(socket, channel.threadId);
    }
    reply({ ok: true });
  });
}
