import { z } from 'zod';
import { STATUSES } from '../consensus/codes';
import { partnerCode, stateCode, topicSlug, msg } from './common';
import { formatFilter, implementationFilter, STANCE_DETAILS } from './initiatives';

/** The dashboard's filters: the same in the page URL, the API and the exports. */
export const dashboardFilters = z.object({
  topic: topicSlug.optional(),
  status: z.enum(STATUSES).optional(),
  format: formatFilter.optional(),
  state: stateCode.optional(),
  partner: partnerCode.optional(),
  q: z.string().trim().max(100).optional(),
  /** Stances given the diplomats' way: some endorsement ad referendum, some reservation with a condition. */
  detail: z.enum(STANCE_DETAILS).optional(),
  /** Formalized initiatives by implementation as a whole, or those whose review date has passed. */
  implementation: implementationFilter.optional(),
});
export type DashboardFilters = z.infer<typeof dashboardFilters>;

export const dashboardQuery = dashboardFilters.extend({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** Keyset position in "last change first" order: `<updatedAt>~<id>`. */
  cursor: z
    .string()
    .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z~\d{1,15}$/, msg('invalidCursor'))
    .optional(),
  /** The initiative the map shows. */
  focus: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

export const dashboardSeenInput = z.strictObject({ eventId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });
