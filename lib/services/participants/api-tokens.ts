import crypto from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { db } from '../../../db/client';
import { tables } from '../../../db/schema';
import type { Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { notFound } from '../../errors';
import { parseInput } from '../../validation/common';
import { apiTokenInput } from '../../validation/participants';
import { write } from '../write';

const { apiTokens } = tables;

export function hashApiToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export interface ApiTokenView {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

const VIEW = {
  id: apiTokens.id,
  name: apiTokens.name,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  expiresAt: apiTokens.expiresAt,
};

/**
 * A personal API token for scripts, carrying exactly its owner's rights, optionally expiring;
 * shown once, stored hashed.
 */
export async function createApiToken(viewer: Viewer, rawInput: unknown): Promise<ApiTokenView & { token: string }> {
  const { name, expiresInDays } = parseInput(apiTokenInput, rawInput);
  const token = `chk_${crypto.randomBytes(24).toString('base64url')}`;
  const at = now();
  const expiresAt = expiresInDays ? new Date(Date.parse(at) + expiresInDays * 86_400_000).toISOString() : null;
  const [created] = await write((tx) =>
    tx.orm
      .insert(apiTokens)
      .values({ participantId: viewer.id, name, tokenHash: hashApiToken(token), createdAt: at, expiresAt })
      .returning(VIEW),
  );
  return { ...created, token };
}

export function listApiTokens(viewer: Viewer): Promise<ApiTokenView[]> {
  return db()
    .orm.select(VIEW)
    .from(apiTokens)
    .where(and(eq(apiTokens.participantId, viewer.id), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.id));
}

export async function revokeApiToken(viewer: Viewer, tokenId: number): Promise<void> {
  const revoked = await write((tx) =>
    tx.orm
      .update(apiTokens)
      .set({ revokedAt: now() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.participantId, viewer.id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id }),
  );
  if (revoked.length === 0) throw notFound('tokenNotFound');
}

const USE_RECORDED_EVERY_MS = 60_000;

/** Keeps `last_used_at` to the minute, without a write on every request a script makes. */
export async function recordApiTokenUse(tokenId: number, lastUsedAt: string | null): Promise<void> {
  const at = now();
  if (lastUsedAt && Date.parse(at) - Date.parse(lastUsedAt) < USE_RECORDED_EVERY_MS) return;
  await write((tx) => tx.run(sql`UPDATE api_tokens SET last_used_at = ${at} WHERE id = ${tokenId}`));
}
