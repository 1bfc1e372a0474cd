import { z } from 'zod';
import { msg } from './common';
import { queryStems } from '../services/search/text';

export const SEARCH_QUERY_MAX = 200;
/** Pages of ranked results go this deep at most (the cursor is the offset). */
export const SEARCH_OFFSET_MAX = 1000;

/** `GET /api/v1/search` and the search page. */
export const searchQuery = z.object({
  q: z
    .string({ error: msg('required') })
    .trim()
    .min(1, msg('required'))
    .max(SEARCH_QUERY_MAX)
    .refine((q) => queryStems(q).length > 0, msg('typeAWord')),
  kind: z.enum(['thread', 'initiative', 'message']).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z
    .string()
    .regex(/^\d{1,4}$/, msg('invalidCursor'))
    .refine((c) => Number(c) <= SEARCH_OFFSET_MAX, msg('invalidCursor'))
    .optional(),
});
export type SearchQuery = z.infer<typeof searchQuery>;
