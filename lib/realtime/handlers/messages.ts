import { postMessage } from '../../services/threads/messages';
import type { MessageView } from '../../services/threads/messages';
import { messageSendInput } from '../../validation/socket';
import { invalidPayload, refusal, replyTo, SESSION_ENDED } from '../ack';
import type { LiveSocket, RealtimeContext } from '../context';

/** `message:send`: the same service as the API, with the client's operation id. */
export function registerMessageHandlers(ctx: RealtimeContext, socket: LiveSocket): void {
  socket.on('message:send', async (payload, ack) => {
    const reply = replyTo<{ message: MessageView }>(ack);
    const parsed = messageSendInput.safeParse(payload);
    if (!parsed.success) return reply(await invalidPayload(parsed.error, socket));
    try {
      const viewer = await ctx.currentViewer(socket);
      if (!viewer) return reply(SESSION_ENDED);
      const message = await postMessage(viewer, parsed.data.threadId, { body: parsed.data.body }, parsed.data.opId);
      reply({ ok: true, message });
    } catch (error) {
      reply(await refusal(error, 'message:send', socket));
    }
  });
}
