import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { readEnv } from '../../env';
import { notFound } from '../../errors';
import { publicOrigin } from '../../http/public-origin';
import { write } from '../write';

const signature = (participantId: number) =>
  createHmac('sha256', readEnv().NEXTAUTH_SECRET!).update(`unsubscribe:${participantId}`).digest('base64url').slice(0, 32);

/**
 * The one-click unsubscribe address of a participant's emails (RFC 8058): signed with the
 * server's secret, so it is never stored and only the mail's reader has it.
 */
export function unsubscribeUrl(participantId: number, via: 'one-click' | 'page' = 'one-click'): string {
  return `${publicOrigin()}${via === 'page' ? '' : '/api/v1'}/unsubscribe/${participantId}-${signature(participantId)}`;
}

/** The address's participant, or 404 for any address this server did not sign. */
export function participantOfToken(token: string): number {
  const match = /^(\d{1,15})-([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) throw notFound('unknownUnsubscribe');
  const id = Number(match[1]);
  const expected = Buffer.from(signature(id));
  if (!timingSafeEqual(expected, Buffer.from(match[2]))) throw notFound('unknownUnsubscribe');
  return id;
}

/** One click, no session: no more email (the in-app notifications stay). */
export async function unsubscribe(token: string): Promise<{ email: 'off' }> {
  const id = participantOfToken(token);
  const changed = await write((tx) => tx.run(sql`UPDATE participants SET email_mode = 'off' WHERE id = ${id}`));
  if (changed === 0) throw notFound('unknownUnsubscribe');
  return { email: 'off' };
}
