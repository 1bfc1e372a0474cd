import { z } from 'zod';
import { STATUSES } from '../consensus/codes';
import { note, pageQuery, partnerCode, position, stateCode, summary, title, topicSlug, uniqueList } from './common';

export const proposeInitiativeInput = z.strictObject({
  title,
  summary,
  states: uniqueList(stateCode, { min: 2, max: 5, label: 'states' }),
  partners: uniqueList(partnerCode, { min: 0, max: 30, label: 'partners' }).default([]),
  openToJoin: z.boolean({ error: 'Must be true or false' }).default(true),
});
export type ProposeInitiativeInput = z.infer<typeof proposeInitiativeInput>;

export const editInitiativeInput = z
  .strictObject({
    title: title.optional(),
    summary: summary.optional(),
    openToJoin: z.boolean({ error: 'Must be true or false' }).optional(),
  })
  .refine((v) => v.title !== undefined || v.summary !== undefined || v.openToJoin !== undefined, 'Nothing to change');
export type EditInitiativeInput = z.infer<typeof editInitiativeInput>;

export const setStanceInput = z.strictObject({ position, note: note.optional() });
export type SetStanceInput = z.infer<typeof setStanceInput>;

export const formatFilter = z.string().regex(/^CA-[0-5]$/, 'Format is CA-0 … CA-5');

export const listInitiativesQuery = pageQuery.extend({
  status: z.enum(STATUSES).optional(),
  state: stateCode.optional(),
  topic: topicSlug.optional(),
  format: formatFilter.optional(),
  partner: partnerCode.optional(),
  threadId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(100).optional(),
});
export type ListInitiativesQuery = z.infer<typeof listInitiativesQuery>;
