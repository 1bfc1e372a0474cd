/** The server (server.ts) overwrites this header with the socket's address: clients cannot forge it. */
export const CLIENT_ADDRESS_HEADER = 'x-chaikhana-client-address';

export function clientAddress(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
}
