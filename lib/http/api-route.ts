import { NextResponse, type NextRequest } from 'next/server';
import type { Viewer } from '../access/viewer';
import { authenticate } from '../auth/authenticate';
import { AppError, isAppError } from '../errors';
import { opId } from '../validation/socket';
import { readJsonBody } from './body';
import { isSameOriginRequest } from './same-origin';

export interface ApiContext {
  request: NextRequest;
  params: Record<string, string>;
  query: Record<string, string>;
  /** The JSON body (undefined when empty), size-limited and parsed. */
  body: () => Promise<unknown>;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/** An API route that needs a signed-in participant (session cookie or API token). */
export function apiRoute(
  handler: (viewer: Viewer, ctx: ApiContext) => unknown,
  options: { status?: number } = {},
): (request: NextRequest, route: RouteContext) => Promise<NextResponse> {
  return publicApiRoute(async (ctx) => {
    const auth = await authenticate({ cookieHeader: ctx.request.headers.get('cookie'), authorization: ctx.request.headers.get('authorization') });
    if (!auth) throw new AppError('unauthorized', 'Sign in or send a valid API token');
    const writes = !['GET', 'HEAD', 'OPTIONS'].includes(ctx.request.method);
    if (writes && auth.via === 'session' && !isSameOriginRequest(ctx.request.headers)) {
      throw new AppError('forbidden', 'Cross-site request refused');
    }
    return handler(auth.viewer, ctx);
  }, options);
}

/** Maps the one AppError type to the PRODUCT.md error body; anything else is a logged 500. */
export function publicApiRoute(
  handler: (ctx: ApiContext) => unknown,
  { status = 200 }: { status?: number } = {},
): (request: NextRequest, route: RouteContext) => Promise<NextResponse> {
  return async (request, route) => {
    try {
      const rawParams = route?.params ? await route.params : {};
      const params = Object.fromEntries(Object.entries(rawParams).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]));
      const query = Object.fromEntries(request.nextUrl.searchParams);
      const result = await handler({ request, params, query, body: () => readJsonBody(request) });
      if (result instanceof Response) return result as NextResponse;
      return NextResponse.json(result ?? { ok: true }, { status, headers: { 'cache-control': 'no-store' } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): NextResponse {
  if (isAppError(error)) {
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (error.retryAfterSeconds) headers['retry-after'] = String(error.retryAfterSeconds);
    return NextResponse.json(error.toBody(), { status: error.status, headers });
  }
  console.error('Unhandled API error', error);
  return NextResponse.json({ error: { code: 'internal', message: 'Something went wrong on our side' } }, { status: 500 });
}

/** A numeric path id; anything else is a resource that does not exist. */
export function pathId(value: string | undefined): number {
  const id = Number(value);
  if (!value || !/^\d{1,15}$/.test(value) || !Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found', 'Not found');
  return id;
}

/** The optional `Idempotency-Key` header: a client operation id, so a retried write applies once. */
export function operationId(request: Request): string | undefined {
  const key = request.headers.get('idempotency-key');
  if (key === null) return undefined;
  const parsed = opId.safeParse(key);
  if (!parsed.success) throw new AppError('invalid', 'Invalid Idempotency-Key', { fields: { 'Idempotency-Key': parsed.error.issues[0].message } });
  return parsed.data;
}
