import { appError, invalid } from '../errors';

export const MAX_BODY_BYTES = 100 * 1024;

/** Reads a JSON body of at most MAX_BODY_BYTES (413 beyond), refusing what is not UTF-8 JSON (400). */
export async function readJsonBody(
  stream: AsyncIterable<Uint8Array>,
  contentLength: string | null | undefined,
  maxBytes = MAX_BODY_BYTES,
): Promise<unknown> {
  if (Number(contentLength ?? '0') > maxBytes) throw tooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw invalid('bodyNotUtf8');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw invalid('bodyNotJson');
  }
}

const tooLarge = (max: number) => appError('too_large', 'bodyTooLarge', { kb: Math.round(max / 1024) });
