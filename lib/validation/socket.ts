import { z } from 'zod';
import { msg } from './common';
import { CHANNEL_PATTERN } from '../realtime/channels';
import { messageBody } from './threads';

export const channelName = z.string().regex(CHANNEL_PATTERN, msg('unknownChannel'));

export const subscribeInput = z.strictObject({
  channel: channelName,
  since: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

export const unsubscribeInput = z.strictObject({ channel: channelName });

export const opId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, msg('operationId'));

export const messageSendInput = z.strictObject({
  threadId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  body: messageBody,
  opId: opId.optional(),
});

export const typingInput = z.strictObject({ threadId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
