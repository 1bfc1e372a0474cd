import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoKey } from '../../db/demo/accounts';

export { DEMO_PASSWORD, type DemoKey };

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** An HTTP client with a cookie jar: what a browser or a script does against the real server. */
export class Client {
  readonly cookies = new Map<string, string>();
  bearer: string | null = null;

  constructor(readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async raw(method: string, path: string, init: { body?: BodyInit | null; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const response = await fetch(this.baseUrl + path, { method, body: init.body, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  async api<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await this.raw(method, path, {
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get = <T = any>(path: string) => this.api<T>('GET', path);
  post = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.api<T>('POST', path, body, headers);
  put = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.api<T>('PUT', path, body, headers);
  patch = <T = any>(path: string, body?: unknown) => this.api<T>('PATCH', path, body);
  delete = <T = any>(path: string) => this.api<T>('DELETE', path);

  /** The standard next-auth credentials flow: GET /api/auth/csrf, then POST the callback. */
  async signIn(email: string, password = DEMO_PASSWORD): Promise<number> {
    const csrf = await this.api<{ csrfToken: string }>('GET', '/api/auth/csrf');
    const response = await this.raw('POST', '/api/auth/callback/credentials', {
      body: new URLSearchParams({ csrfToken: csrf.body.csrfToken, email, password, json: 'true' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await response.text();
    return response.status;
  }

  get signedIn(): boolean {
    return [...this.cookies.keys()].some((k) => k.endsWith('next-auth.session-token'));
  }
}

export async function signedIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<Client> {
  const client = new Client(baseUrl);
  await client.signIn(email, password);
  if (!client.signedIn) throw new Error(`Could not sign in as ${email}`);
  return client;
}

/** The demo accounts' emails by key, from the seed itself: one list of accounts for the app, the tests and the e2e suite. */
export const DEMO = Object.fromEntries(DEMO_ACCOUNTS.map((account) => [account.key, account.email])) as Record<DemoKey, string>;

export async function signInAll(baseUrl: string): Promise<Record<DemoKey, Client>> {
  const entries = await Promise.all(Object.entries(DEMO).map(async ([key, email]) => [key, await signedIn(baseUrl, email)] as const));
  return Object.fromEntries(entries) as Record<DemoKey, Client>;
}
