import { z } from 'zod';
import { CA_STATES, POSITIONS } from '../consensus/codes';
import { invalid, type FieldErrors } from '../errors';

export const stateCode = z.enum(CA_STATES, { error: 'Unknown state code' });
export const position = z.enum(POSITIONS, { error: 'Position must be pending, endorse, reservation or step_aside' });
/** Partners and topics are extensible lists: the shape is checked here, existence by the service. */
export const partnerCode = z.string().regex(/^[A-Z0-9]{2,4}$/, 'Unknown partner code');
export const topicSlug = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'Unknown topic');

export const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const title = z.string().trim().min(1, 'Required').max(200, 'At most 200 characters');
export const summary = z.string().trim().max(5000, 'At most 5,000 characters');
export const note = z.string().trim().max(1000, 'At most 1,000 characters');

export function uniqueList<T extends z.ZodType>(item: T, { min, max, label }: { min: number; max: number; label: string }) {
  return z
    .array(item)
    .min(min, min > 1 ? `Choose at least ${min} ${label}` : 'Required')
    .max(max, `At most ${max} ${label}`)
    .refine((list) => new Set(list).size === list.length, `The same ${label.replace(/s$/, '')} is listed twice`);
}

/** Query strings: limit ≤ 100 and an opaque cursor. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,16}$/, 'Invalid cursor')
    .optional(),
});

/** zod issues → `{field: message}`, the `fields` of the PRODUCT.md error body. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    // One message per top-level field (states.2 → states): forms show errors beside fields.
    const key = issue.path.length ? String(issue.path[0]) : '_';
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
      for (const k of issue.keys) fields[k] ??= 'Unknown field';
      continue;
    }
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Parses with a schema; a failure becomes the one `invalid` AppError with field messages. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalid('Some fields are not valid', fieldErrors(parsed.error));
  return parsed.data;
}
