import { z } from 'zod';
import { id, pageQuery, partnerCode, stateCode, summary, title, topicSlug, uniqueList, msg } from './common';

export const createThreadInput = z.strictObject({
  title,
  topic: topicSlug,
  summary,
  states: uniqueList(stateCode, { min: 0, max: 5, label: 'states' }).default([]),
  partners: uniqueList(partnerCode, { min: 0, max: 30, label: 'partners' }).default([]),
  visibility: z.enum(['open', 'discreet']).default('open'),
  attribution: z.enum(['named', 'chatham']).default('named'),
});
export type CreateThreadInput = z.infer<typeof createThreadInput>;

export const addMemberInput = z.strictObject({ userId: id });

export const messageBody = z.string().trim().min(1, msg('writeSomething')).max(4000);
export const postMessageInput = z.strictObject({ body: messageBody });

export const listThreadsQuery = pageQuery.extend({
  topic: topicSlug.optional(),
  state: stateCode.optional(),
  format: z.enum(['CA-2', 'CA-3', 'CA-4', 'CA-5']).optional(),
  q: z.string().trim().max(100).optional(),
});
export type ListThreadsQuery = z.infer<typeof listThreadsQuery>;

export const listMessagesQuery = z.object({
  before: z
    .string()
    .regex(/^\d{1,16}$/, msg('invalidCursor'))
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
