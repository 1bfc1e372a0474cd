import type http from 'node:http';
import { ROUTES, notFoundHandler, type Route } from '../api/routes';
import { readJsonBody } from './body';
import { translateError } from '../errors';
import { runApiHandler, type ApiContext, type ApiResult } from './api-route';
import { requestLocale } from './request-locale';

const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;

interface CompiledRoute extends Route {
  pattern: RegExp;
  keys: string[];
}

const compiled: CompiledRoute[] = ROUTES.map((route) => {
  const keys: string[] = [];
  const source = route.path.replace(/:(\w+)/g, (_, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { ...route, pattern: new RegExp(`^${source}/?$`), keys };
});

/** The paths the JSON API owns; everything else (pages, next-auth) goes to Next. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/api/health' || pathname === '/api/v1' || pathname.startsWith('/api/v1/');
}

/**
 * Serves the JSON API straight from the custom server: the same services and error shape, without
 * Next's request pipeline (about 1 ms of CPU per request on this machine, which alone would cap
 * the API below the write rates it must sustain).
 */
export async function handleApiRequest(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  let allowed: string[] = [];
  let match: { route: CompiledRoute; params: Record<string, string> } | null = null;
  for (const route of compiled) {
    const found = route.pattern.exec(url.pathname);
    if (!found) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    const params: Record<string, string> = {};
    route.keys.forEach((key, i) => {
      try {
        params[key] = decodeURIComponent(found[i + 1]);
      } catch {
        params[key] = found[i + 1];
      }
    });
    match = { route, params };
    allowed = [];
    break;
  }

  let result: ApiResult;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  if (!match && allowed.length) {
    const message = translateError(await requestLocale(headers), { key: 'methodNotAllowed', params: { methods: allowed.join(', ') } });
    result = {
      status: 405,
      headers: { 'content-type': 'application/json; charset=utf-8', allow: allowed.join(', ') },
      body: JSON.stringify({ error: { code: 'method_not_allowed', message } }),
    };
  } else {
    const ctx: ApiContext = {
      method,
      headers,
      params: match?.params ?? {},
      query: Object.fromEntries(url.searchParams),
      body: once(() => readJsonBody(req, req.headers['content-length'])),
      responseHeaders: {},
    };
    result = await runApiHandler(match?.route.handler ?? notFoundHandler, ctx, match?.route.status ?? 200);
  }

  // An unread body (a refusal before reading it, or a 413) is drained so the client still reads the
  // answer; a very large one is not worth reading: the connection is closed instead.
  if (!req.complete) {
    if (Number(req.headers['content-length'] ?? Infinity) > DRAIN_LIMIT_BYTES) result.headers.connection = 'close';
    req.resume();
  }
  res.writeHead(result.status, result.headers);
  res.end(result.body);
}

function once<T>(read: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | null = null;
  return () => (result ??= read());
}
