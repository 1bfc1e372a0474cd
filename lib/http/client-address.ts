/** The server (server.ts) overwrites this header with the client's address: clients cannot forge it. */
export const CLIENT_ADDRESS_HEADER = 'x-chaikhana-client-address';

export function clientAddress(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
}

/** The same, from a plain header object (next-auth hands its callbacks one). */
export function clientAddressOf(headers: Record<string, unknown> | undefined): string {
  const value = headers?.[CLIENT_ADDRESS_HEADER];
  return typeof value === 'string' && value ? value : 'unknown';
}
