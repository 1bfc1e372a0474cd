import { z } from 'zod';
import { CA_STATES, POSITIONS } from '../consensus/codes';
import { errorText, invalid, type ErrorKey, type ErrorParams, type ErrorText, type FieldProblems } from '../errors';

/**
 * A schema's message is a key of the `Errors` catalogue (tsc checks it here), translated where
 * the error leaves the server; zod's own messages are replaced by keys below, so every language
 * comes from our catalogues.
 */
export const msg = (key: ErrorKey) => key;

/** zod's default for each kind of issue, as a key of ours (a schema's own message wins over it). */
function defaultKey(issue: z.core.$ZodRawIssue): ErrorKey {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      return issue.expected === 'int' ? 'wholeNumber' : 'wrongType';
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      if (issue.origin === 'string') return small ? 'tooShort' : 'tooLong';
      if (issue.origin === 'array' || issue.origin === 'set') return small ? 'tooFewItems' : 'tooManyItems';
      if (issue.origin === 'number' || issue.origin === 'bigint') return small ? 'numberTooSmall' : 'numberTooBig';
      return 'invalidValue';
    }
    case 'invalid_format':
      if (issue.format === 'email') return 'invalidEmail';
      if (issue.format === 'url') return 'invalidUrl';
      if (issue.format === 'datetime') return 'isoTime';
      if (issue.format === 'date') return 'dateFormat';
      return 'invalidFormat';
    case 'invalid_value':
      return 'oneOf';
    case 'unrecognized_keys':
      return 'unknownField';
    default:
      return 'invalidValue';
  }
}
z.config({ customError: defaultKey });

export const stateCode = z.enum(CA_STATES, { error: msg('unknownState') });
export const position = z.enum(POSITIONS);
/** Partners and topics are extensible lists: the shape is checked here, existence by the service. */
export const partnerCode = z.string().regex(/^[A-Z0-9]{2,4}$/, msg('unknownPartnerCode'));
export const topicSlug = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, msg('unknownTopic'));

export const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const title = z.string().trim().min(1, msg('required')).max(200);
export const summary = z.string().trim().max(5000);
export const note = z.string().trim().max(1000);

export function uniqueList<T extends z.ZodType>(item: T, { min, max, label }: { min: number; max: number; label: 'states' | 'partners' }) {
  return z.array(item).superRefine((list, context) => {
    const problem = (key: ErrorKey, params: ErrorParams) => context.addIssue({ code: 'custom', message: key, params });
    if (list.length < min) problem(min > 1 ? 'chooseAtLeast' : 'required', { min, list: label });
    else if (list.length > max) problem('atMostInList', { max, list: label });
    else if (new Set(list).size !== list.length) problem('listedTwice', { list: label });
  });
}

/** Query strings: limit ≤ 100 and an opaque cursor. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,16}$/, msg('invalidCursor'))
    .optional(),
});

const isErrorKey = (message: string): message is ErrorKey => /^[a-z][A-Za-z0-9]*$/.test(message);

/** What an issue says, with the numbers and options a message names. */
function problemOf(issue: z.core.$ZodIssue): ErrorText {
  const key = isErrorKey(issue.message) ? issue.message : 'invalidValue';
  switch (issue.code) {
    case 'too_small':
      return errorText(key, { min: Number(issue.minimum) });
    case 'too_big':
      return errorText(key, { max: Number(issue.maximum) });
    case 'invalid_type':
      return errorText(key, { expected: issue.expected });
    case 'invalid_value':
      return errorText(key, { options: issue.values.map(String).join(', ') });
    case 'custom':
      return errorText(key, issue.params as ErrorParams | undefined);
    default:
      return errorText(key);
  }
}

/** zod issues → `{field: text}`, the `fields` of the PRODUCT.md error body once translated. */
export function fieldProblems(error: z.ZodError): FieldProblems {
  const fields: FieldProblems = {};
  for (const issue of error.issues) {
    // One message per top-level field (states.2 → states): forms show errors beside fields.
    const key = issue.path.length ? String(issue.path[0]) : '_';
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
      for (const k of issue.keys) fields[k] ??= errorText('unknownField');
      continue;
    }
    fields[key] ??= problemOf(issue);
  }
  return fields;
}

/** Parses with a schema; a failure becomes the one `invalid` AppError with field messages. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalid('someFieldsInvalid', fieldProblems(parsed.error));
  return parsed.data;
}
