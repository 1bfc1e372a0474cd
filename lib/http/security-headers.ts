/**
 * The Content-Security-Policy of every HTML page: scripts only from this origin and with the
 * per-request nonce Next puts on its own inline bootstrap ('strict-dynamic' lets those load their
 * chunks); no inline script of ours, no plugins, no framing, forms only to ourselves.
 * Inline style attributes stay allowed (style-src 'unsafe-inline'): they cannot run code.
 */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}
