import { z } from 'zod';
import { IMPLEMENTATION_STATUSES, STATUSES } from '../consensus/codes';
import { IMPLEMENTATION_FILTERS } from '../consensus/implementation';
import { note, pageQuery, partnerCode, position, stateCode, summary, title, topicSlug, uniqueList, msg } from './common';

export const proposeInitiativeInput = z.strictObject({
  title,
  summary,
  states: uniqueList(stateCode, { min: 2, max: 5, label: 'states' }),
  partners: uniqueList(partnerCode, { min: 0, max: 30, label: 'partners' }).default([]),
  openToJoin: z.boolean({ error: msg('mustBeBoolean') }).default(true),
});
export type ProposeInitiativeInput = z.infer<typeof proposeInitiativeInput>;

/** A review date: a day (ISO 8601, YYYY-MM-DD); null clears it. */
export const reviewDate = z.iso.date({ error: msg('dateFormat') }).nullable();

export const editInitiativeInput = z
  .strictObject({
    title: title.optional(),
    summary: summary.optional(),
    openToJoin: z.boolean({ error: msg('mustBeBoolean') }).optional(),
    reviewAt: reviewDate.optional(),
  })
  .refine(
    (v) => v.title !== undefined || v.summary !== undefined || v.openToJoin !== undefined || v.reviewAt !== undefined,
    msg('nothingToChange'),
  )
  // The review date is the chair's, on a formalized text: it is set by itself, never beside an edit of the text.
  .refine((v) => v.reviewAt === undefined || (v.title === undefined && v.summary === undefined && v.openToJoin === undefined), {
    path: ['reviewAt'],
    message: msg('reviewDateAlone'),
  });
export type EditInitiativeInput = z.infer<typeof editInitiativeInput>;

/** An instant (ISO 8601 with its offset) or a day, which then means its end in UTC. */
export const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: msg('dateOrTime') })
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
    condition: z.string().trim().max(500).optional(),
    adReferendum: z.boolean({ error: msg('mustBeBoolean') }).optional(),
    confirmBy: instant.optional(),
    chairNote: note.optional(),
  })
  .superRefine((input, context) => {
    const problem = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    if (input.position === 'reservation' && !input.note) problem('note', msg('reservationReason'));
    if (input.condition && input.position !== 'reservation') problem('condition', msg('conditionOnlyReservation'));
    if (input.adReferendum && input.position !== 'endorse') problem('adReferendum', msg('adReferendumOnlyEndorse'));
    if (input.adReferendum && !input.confirmBy) problem('confirmBy', msg('confirmByMissing'));
    if (input.confirmBy && !input.adReferendum) problem('confirmBy', msg('confirmByOnlyAdReferendum'));
  });
export type SetStanceInput = z.infer<typeof setStanceInput>;

/** How far a state has carried out a formalized initiative, as its delegate reports it. */
export const setImplementationInput = z.strictObject({
  status: z.enum(IMPLEMENTATION_STATUSES),
  note: note.optional(),
});
export type SetImplementationInput = z.infer<typeof setImplementationInput>;

export const implementationFilter = z.enum(IMPLEMENTATION_FILTERS, {});

export const STANCE_DETAILS = ['ad_referendum', 'conditional', 'silence'] as const;

export const formatFilter = z.string().regex(/^CA-[0-5]$/, msg('formatFilter'));

export const listInitiativesQuery = pageQuery.extend({
  status: z.enum(STATUSES).optional(),
  state: stateCode.optional(),
  topic: topicSlug.optional(),
  format: formatFilter.optional(),
  partner: partnerCode.optional(),
  threadId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(100).optional(),
  detail: z.enum(STANCE_DETAILS).optional(),
  implementation: implementationFilter.optional(),
});
export type ListInitiativesQuery = z.infer<typeof listInitiativesQuery>;

export const SILENCE_MAX_DAYS = 30;
export const startSilenceInput = z.strictObject({ deadline: instant });
export const breakSilenceInput = z.strictObject({ note: note.min(1, msg('silenceBreakReason')) });
