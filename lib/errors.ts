import type en from '@/messages/en.json';
import { translator } from './i18n/translator';
import type { Locale } from '@/i18n/locales';

/** The one error type of the domain; each transport maps it once (HTTP, server action, socket ack). */
export const ERROR_STATUS = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A message of the `Errors` catalogue namespace: tsc refuses a key that en.json lacks. */
export type ErrorKey = keyof (typeof en)['Errors'];
export type ErrorParams = Record<string, string | number>;
/** Words of an error, not yet in any language: services stay language-free, transports translate. */
export interface ErrorText {
  key: ErrorKey;
  params?: ErrorParams;
}
/** Field problems as services and schemas state them (`{field: text}`). */
export type FieldProblems = Record<string, ErrorText>;
/** Field messages as a reader gets them, the `fields` of the PRODUCT.md error body. */
export type FieldErrors = Record<string, string>;

export const errorText = (key: ErrorKey, params?: ErrorParams): ErrorText => (params ? { key, params } : { key });

/** An error's words in a language; a key a catalogue lacks falls back to English (the catalogue test forbids it). */
export function translateError(locale: Locale, text: ErrorText): string {
  try {
    return translator(locale, 'Errors')(text.key, text.params as never);
  } catch (error) {
    if (locale === 'en') throw error;
    return translateError('en', text);
  }
}

export function translateFields(locale: Locale, fields: FieldProblems): FieldErrors {
  return Object.fromEntries(Object.entries(fields).map(([field, text]) => [field, translateError(locale, text)]));
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly text: ErrorText;
  readonly problems?: FieldProblems;
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, text: ErrorText, options: { fields?: FieldProblems; retryAfterSeconds?: number } = {}) {
    // The English message stays on the error: logs, scripts and tests read it.
    super(translateError('en', text));
    this.name = 'AppError';
    this.code = code;
    this.text = text;
    this.problems = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  /** The field messages in English. */
  get fields(): FieldErrors | undefined {
    return this.problems && translateFields('en', this.problems);
  }

  /** The PRODUCT.md error body, in the reader's language. */
  toBody(locale: Locale = 'en'): { error: { code: ErrorCode; message: string; fields?: FieldErrors } } {
    return {
      error: {
        code: this.code,
        message: translateError(locale, this.text),
        ...(this.problems ? { fields: translateFields(locale, this.problems) } : {}),
      },
    };
  }
}

/** Works across module copies (the custom server and Next's bundles), where instanceof does not. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof Error && error.name === 'AppError' && typeof (error as AppError).code === 'string';
}

type FieldsLike = Record<string, ErrorKey | ErrorText>;
const problemsOf = (fields?: FieldsLike): FieldProblems | undefined =>
  fields && Object.fromEntries(Object.entries(fields).map(([field, text]) => [field, typeof text === 'string' ? { key: text } : text]));

export const appError = (code: ErrorCode, key: ErrorKey, params?: ErrorParams) => new AppError(code, errorText(key, params));
export const notFound = (key: ErrorKey = 'notFound', params?: ErrorParams) => appError('not_found', key, params);
export const forbidden = (key: ErrorKey = 'forbidden', params?: ErrorParams) => appError('forbidden', key, params);
export const conflict = (key: ErrorKey, params?: ErrorParams) => appError('conflict', key, params);
/** 400 with field messages: `invalid('someFieldsInvalid', {topic: 'unknownTopic'})`. */
export const invalid = (key: ErrorKey, fields?: FieldsLike, params?: ErrorParams) =>
  new AppError('invalid', errorText(key, params), { fields: problemsOf(fields) });
export const rateLimited = (key: ErrorKey, params?: ErrorParams, retryAfterSeconds?: number) =>
  new AppError('rate_limited', errorText(key, params), { retryAfterSeconds });
