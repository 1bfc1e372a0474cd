import { z } from 'zod';
import { IMPLEMENTATION_STATUSES, STATUSES } from '../consensus/codes';
import { IMPLEMENTATION_FILTERS } from '../consensus/implementation';
import { note, pageQuery, partnerCode, position, stateCode, summary, title, topicSlug, uniqueList } from './common';

export const proposeInitiativeInput = z.strictObject({
  title,
  summary,
  states: uniqueList(stateCode, { min: 2, max: 5, label: 'states' }),
  partners: uniqueList(partnerCode, { min: 0, max: 30, label: 'partners' }).default([]),
  openToJoin: z.boolean({ error: 'Must be true or false' }).default(true),
});
export type ProposeInitiativeInput = z.infer<typeof proposeInitiativeInput>;

/** A review date: a day (ISO 8601, YYYY-MM-DD); null clears it. */
export const reviewDate = z.iso.date({ error: 'A date as YYYY-MM-DD' }).nullable();

export const editInitiativeInput = z
  .strictObject({
    title: title.optional(),
    summary: summary.optional(),
    openToJoin: z.boolean({ error: 'Must be true or false' }).optional(),
    reviewAt: reviewDate.optional(),
  })
  .refine(
    (v) => v.title !== undefined || v.summary !== undefined || v.openToJoin !== undefined || v.reviewAt !== undefined,
    'Nothing to change',
  )
  // The review date is the chair's, on a formalized text: it is set by itself, never beside an edit of the text.
  .refine((v) => v.reviewAt === undefined || (v.title === undefined && v.summary === undefined && v.openToJoin === undefined), {
    path: ['reviewAt'],
    message: 'Set the review date on its own, without other changes',
  });
export type EditInitiativeInput = z.infer<typeof editInitiativeInput>;

/** An instant (ISO 8601 with its offset) or a day, which then means its end in UTC. */
export const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'A date or an ISO 8601 time' })
  .transform((value) => new Date(value.length === 10 ? `${value}T23:59:59Z` : value).toISOString());

export const AD_REFERENDUM_MAX_DAYS = 90;

/**
 * A stance as diplomats give it (PRODUCT.md, "Stances as diplomats give them"): a reservation gives
 * its reason (`note`) and may carry a condition; an endorsement may be ad referendum, to be
 * confirmed by `confirmBy`; a chair note is said to the facilitators only. Rules that need the
 * clock (a `confirmBy` in the future) are the service's.
 */
export const setStanceInput = z
  .strictObject({
    position,
    note: note.optional(),
    condition: z.string().trim().max(500, 'At most 500 characters').optional(),
    adReferendum: z.boolean({ error: 'Must be true or false' }).optional(),
    confirmBy: instant.optional(),
    chairNote: note.optional(),
  })
  .superRefine((input, context) => {
    const problem = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    if (input.position === 'reservation' && !input.note) problem('note', 'A reservation gives its reason');
    if (input.condition && input.position !== 'reservation') problem('condition', 'Only a reservation carries a condition');
    if (input.adReferendum && input.position !== 'endorse') problem('adReferendum', 'Only an endorsement is given ad referendum');
    if (input.adReferendum && !input.confirmBy) problem('confirmBy', 'Say by when the capital confirms');
    if (input.confirmBy && !input.adReferendum) problem('confirmBy', 'Only an endorsement ad referendum has a confirmation date');
  });
export type SetStanceInput = z.infer<typeof setStanceInput>;

/** How far a state has carried out a formalized initiative, as its delegate reports it. */
export const setImplementationInput = z.strictObject({
  status: z.enum(IMPLEMENTATION_STATUSES, { error: 'Status is not_started, in_progress or done' }),
  note: note.optional(),
});
export type SetImplementationInput = z.infer<typeof setImplementationInput>;

export const implementationFilter = z.enum(IMPLEMENTATION_FILTERS, {
  error: 'Implementation is not_started, in_progress, done or overdue',
});

export const STANCE_DETAILS = ['ad_referendum', 'conditional', 'silence'] as const;

export const formatFilter = z.string().regex(/^CA-[0-5]$/, 'Format is CA-0 … CA-5');

export const listInitiativesQuery = pageQuery.extend({
  status: z.enum(STATUSES).optional(),
  state: stateCode.optional(),
  topic: topicSlug.optional(),
  format: formatFilter.optional(),
  partner: partnerCode.optional(),
  threadId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(100).optional(),
  detail: z.enum(STANCE_DETAILS, { error: 'Detail is ad_referendum, conditional or silence' }).optional(),
  implementation: implementationFilter.optional(),
});
export type ListInitiativesQuery = z.infer<typeof listInitiativesQuery>;

export const SILENCE_MAX_DAYS = 30;
export const startSilenceInput = z.strictObject({ deadline: instant });
export const breakSilenceInput = z.strictObject({ note: note.min(1, 'Say why your state breaks silence') });
