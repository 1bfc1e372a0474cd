/** A record id as it appears in a URL: 1 to 15 digits, positive; anything else names nothing. */
export function parseRecordId(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,15}$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
