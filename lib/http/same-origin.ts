/**
 * Whether a state-changing request made with a session cookie comes from our own pages.
 * Browsers send Origin (and Sec-Fetch-Site) on cross-site writes; `Origin: null` is refused too.
 * A request with neither is not a browser's cross-site request (curl, scripts).
 */
export function isSameOriginRequest(headers: Headers): boolean {
  const site = headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = headers.get('origin');
  if (origin === null) return true;
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  if (!host || origin === 'null') return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
