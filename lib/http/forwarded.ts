import type http from 'node:http';
import proxyaddr from 'proxy-addr';
import { readEnv } from '../env';
import { CLIENT_ADDRESS_HEADER } from './client-address';

const FORWARDING_HEADERS = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'forwarded'];

let trust: ((address: string, hop: number) => boolean) | null = null;

/** `TRUSTED_PROXIES` (addresses, CIDR ranges or proxy-addr's names such as `loopback`), compiled once. */
export function trustedProxies(): (address: string, hop: number) => boolean {
  return (trust ??= proxyaddr.compile(readEnv().TRUSTED_PROXIES));
}

/**
 * Records who the client is, once per request, before anything reads the headers: the peer's
 * address — or, when the peer is a listed proxy, the right-most address in `X-Forwarded-For` that
 * is not a listed proxy. From any other peer the forwarding headers are a client's claim and are
 * dropped, so nobody talks their way out of a limit or into another host's origin check.
 */
export function recordClientAddress(req: http.IncomingMessage): void {
  const isTrusted = trustedProxies();
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (isTrusted(peer, 0)) {
    req.headers[CLIENT_ADDRESS_HEADER] = proxyaddr(req, isTrusted);
  } else {
    for (const name of FORWARDING_HEADERS) delete req.headers[name];
    req.headers[CLIENT_ADDRESS_HEADER] = peer;
  }
}
