import { z } from 'zod';
import { EVENT_TYPES } from '../events/types';
import { id, pageQuery, partnerCode, stateCode, summary, title, topicSlug, uniqueList, msg } from './common';
import { messageBody } from './threads';

/** A room's edit: any of its describing fields, at least one. */
export const updateThreadInput = z
  .strictObject({
    title: title.optional(),
    topic: topicSlug.optional(),
    summary: summary.optional(),
    states: uniqueList(stateCode, { min: 0, max: 5, label: 'states' }).optional(),
    partners: uniqueList(partnerCode, { min: 0, max: 30, label: 'partners' }).optional(),
  })
  .refine((input) => Object.values(input).some((v) => v !== undefined), { message: msg('changeAtLeastOne'), path: ['_'] });
export type UpdateThreadInput = z.infer<typeof updateThreadInput>;

export const editMessageInput = z.strictObject({ body: messageBody });

/** A moderation reason (hiding) or a reader's reason (reporting): required, short. */
export const moderationReason = z
  .string({ error: msg('giveReason') })
  .trim()
  .min(1, msg('giveReason'))
  .max(1000);
export const hideMessageInput = z.strictObject({ reason: moderationReason });
export const reportMessageInput = z.strictObject({ reason: moderationReason });

export const REPORT_STATUSES = ['open', 'resolved', 'dismissed', 'all'] as const;
export const listReportsQuery = pageQuery.extend({
  status: z.enum(REPORT_STATUSES).default('open'),
});

export const resolveReportInput = z.strictObject({
  resolution: z.enum(['resolved', 'dismissed']),
});

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, msg('dateFormat'))
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), msg('dateFormat'));

/** The audit's filters: which facilitator, which action (an event type), which days (inclusive). */
export const auditQuery = pageQuery
  .extend({
    facilitator: id.optional(),
    type: z.enum(EVENT_TYPES).optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: msg('firstDayBeforeLast'), path: ['to'] });
export type AuditQuery = z.infer<typeof auditQuery>;
