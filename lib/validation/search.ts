import { z } from 'zod';
import { queryStems } from '../services/search/text';

export const SEARCH_QUERY_MAX = 200;
/** Pages of ranked results go this deep at most (the cursor is the offset). */
export const SEARCH_OFFSET_MAX = 1000;

/** `GET /api/v1/search` and the search page. */
export const searchQuery = z.object({
  q: z
    .string({ error: 'Required' })
    .trim()
    .min(1, 'Required')
    .max(SEARCH_QUERY_MAX, `At most ${SEARCH_QUERY_MAX} characters`)
    .refine((q) => queryStems(q).length > 0, 'Type at least one word'),
  kind: z.enum(['thread', 'initiative', 'message'], { error: 'Kind must be thread, initiative or message' }).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z
    .string()
    .regex(/^\d{1,4}$/, 'Invalid cursor')
    .refine((c) => Number(c) <= SEARCH_OFFSET_MAX, 'Invalid cursor')
    .optional(),
});
export type SearchQuery = z.infer<typeof searchQuery>;
