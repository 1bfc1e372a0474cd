import type { Viewer } from '../access/viewer';
import { authenticate } from '../auth/authenticate';
import { needsRefresh, refreshedSessionCookie } from '../auth/session-cookie';
import type { Locale } from '@/i18n/locales';
import { appError, invalid, isAppError, translateError } from '../errors';
import { fieldProblems } from '../validation/common';
import { parseRecordId } from '../validation/ids';
import { opId } from '../validation/socket';
import { requestLocale } from './request-locale';
import { isSameOriginRequest } from './same-origin';

/** What an API handler sees of a request, whatever serves it. */
export interface ApiContext {
  method: string;
  headers: Headers;
  params: Record<string, string>;
  query: Record<string, string>;
  /** The JSON body (undefined when empty), size-limited, read once on first demand. */
  body: () => Promise<unknown>;
  /** Headers to add to the response, whatever it is (the rolling session refresh). */
  responseHeaders: Record<string, string>;
  /** Who is acting, once known: an error answer is then in their saved language (without the cookie). */
  viewer?: Viewer;
}

export type ApiHandler = (ctx: ApiContext) => unknown;

/** A response that is not JSON (exports). */
export class RawResponse {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly body: string | Buffer,
  ) {}
}

export interface ApiResult {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

/** Needs a signed-in participant (session cookie or API token); cookie writes must be same-origin. */
export function withViewer(handler: (viewer: Viewer, ctx: ApiContext) => unknown): ApiHandler {
  return async (ctx) => {
    const writes = !['GET', 'HEAD', 'OPTIONS'].includes(ctx.method);
    // The body first, then who is acting: a client that withholds its body cannot write later
    // with rights it has lost meanwhile (signed out, revoked). A body error is reported after 401.
    if (writes) await ctx.body().catch(() => undefined);
    const auth = await authenticate({ cookieHeader: ctx.headers.get('cookie'), authorization: ctx.headers.get('authorization') });
    if (!auth) throw appError('unauthorized', 'signInRequired');
    if (writes && auth.via === 'session' && !isSameOriginRequest(ctx.headers)) {
      throw appError('forbidden', 'crossSiteRefused');
    }
    if (auth.session && needsRefresh(auth.session.token)) {
      const cookie = await refreshedSessionCookie(auth.session.token);
      if (cookie) ctx.responseHeaders['set-cookie'] = cookie;
    }
    ctx.viewer = auth.viewer;
    return handler(auth.viewer, ctx);
  };
}

/** Runs a handler and maps the one AppError type to the PRODUCT.md error body; anything else is a logged 500. */
export async function runApiHandler(handler: ApiHandler, ctx: ApiContext, successStatus: number): Promise<ApiResult> {
  let result: ApiResult;
  try {
    const value = await handler(ctx);
    result =
      value instanceof RawResponse
        ? { status: value.status, headers: value.headers, body: value.body }
        : { status: successStatus, headers: JSON_HEADERS, body: JSON.stringify(value ?? { ok: true }) };
  } catch (error) {
    result = errorResult(error, await errorLocale(ctx));
  }
  return { ...result, headers: { ...result.headers, ...ctx.responseHeaders } };
}

/** The language of an error answer: the request's (PRODUCT.md "Languages"); without the saved one if the database is what failed. */
async function errorLocale(ctx: ApiContext): Promise<Locale> {
  try {
    return await requestLocale(ctx.headers, ctx.viewer);
  } catch {
    return requestLocale(ctx.headers);
  }
}

/** The PRODUCT.md error body, in the reader's language (English by default). */
export function errorResult(error: unknown, locale: Locale = 'en'): ApiResult {
  if (isAppError(error)) {
    const headers: Record<string, string> = { ...JSON_HEADERS };
    if (error.retryAfterSeconds) headers['retry-after'] = String(error.retryAfterSeconds);
    return { status: error.status, headers, body: JSON.stringify(error.toBody(locale)) };
  }
  console.error('Unhandled API error', error);
  return {
    status: 500,
    headers: JSON_HEADERS,
    body: JSON.stringify({ error: { code: 'internal', message: translateError(locale, { key: 'internal' }) } }),
  };
}

/** A numeric path id; anything else is a resource that does not exist. */
export function pathId(value: string | undefined): number {
  const id = parseRecordId(value);
  if (id === null) throw appError('not_found', 'notFound');
  return id;
}

/** The optional `Idempotency-Key` header: a client operation id, so a retried write applies once. */
export function operationId(headers: Headers): string | undefined {
  const key = headers.get('idempotency-key');
  if (key === null) return undefined;
  const parsed = opId.safeParse(key);
  if (!parsed.success) throw invalid('invalidIdempotencyKey', { 'Idempotency-Key': fieldProblems(parsed.error)._ });
  return parsed.data;
}
