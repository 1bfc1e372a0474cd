import { rateLimited } from '../../errors';
import { publicActor } from '../../events/actor';
import { typingInput } from '../../validation/socket';
import { invalidPayload, refusal, replyTo, SESSION_ENDED } from '../ack';
import { parseChannel, threadChannel } from '../channels';
import type { LiveSocket, RealtimeContext } from '../context';
import { emitEverywhere } from '../relay';
import { rooms } from '../rooms';

/** `typing` to the others at the table (on every process), and leaving every table when the socket goes. */
export function registerPresenceHandlers(ctx: RealtimeContext, socket: LiveSocket): void {
  socket.on('typing', async (payload, ack) => {
    const reply = replyTo<object>(ack);
    const parsed = typingInput.safeParse(payload);
    if (!parsed.success) return reply(await invalidPayload(parsed.error, socket));
    const { threadId } = parsed.data;
    if (!socket.data.channels.has(threadChannel(threadId))) return reply({ ok: false, error: 'not_subscribed' });
    if (!socket.data.limits.take('typing')) return reply(await refusal(rateLimited('typingTooOften'), 'typing', socket));
    try {
      const viewer = await ctx.currentViewer(socket);
      if (!viewer) return reply(SESSION_ENDED);
      const who = publicActor(viewer, socket.data.attribution.get(threadId) ?? 'chatham');
      emitEverywhere(ctx.io, rooms.thread(threadId), 'typing', { threadId, who }, socket.id);
      reply({ ok: true });
    } catch (error) {
      reply(await refusal(error, 'typing', socket));
    }
  });

  socket.on('disconnect', () => {
    const left: number[] = [];
    for (const name of socket.data.channels) {
      const channel = parseChannel(name);
      if (channel?.kind === 'thread') left.push(channel.threadId);
    }
    socket.data.channels.clear();
    socket.data.seats = {};
    for (const threadId of left) void ctx.announcePresence(threadId).catch(() => {});
  });
}
