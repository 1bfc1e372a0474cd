import crypto from 'node:crypto';
import { prepared } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import { now } from '../../clock';
import { notFound } from '../../errors';
import { parseInput } from '../../validation/common';
import { apiTokenInput } from '../../validation/participants';

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

/**
 * A personal API token for scripts, carrying exactly its owner's rights, optionally expiring;
 * shown once, stored hashed.
 */
export function createApiToken(viewer: Viewer, rawInput: unknown): ApiTokenView & { token: string } {
  const { name, expiresInDays } = parseInput(apiTokenInput, rawInput);
  const token = `chk_${crypto.randomBytes(24).toString('base64url')}`;
  const at = now();
  const expiresAt = expiresInDays ? new Date(Date.parse(at) + expiresInDays * 86_400_000).toISOString() : null;
  const id = Number(
    prepared('INSERT INTO api_tokens (participant_id, name, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
      viewer.id,
      name,
      hashApiToken(token),
      at,
      expiresAt,
    ).lastInsertRowid,
  );
  return { id, name, createdAt: at, lastUsedAt: null, expiresAt, token };
}

export function listApiTokens(viewer: Viewer): ApiTokenView[] {
  return prepared(
    `SELECT id, name, created_at AS createdAt, last_used_at AS lastUsedAt, expires_at AS expiresAt FROM api_tokens
     WHERE participant_id = ? AND revoked_at IS NULL ORDER BY id DESC`,
  ).all(viewer.id) as ApiTokenView[];
}

const USE_RECORDED_EVERY_MS = 60_000;

/** Keeps `last_used_at` to the minute, without a write on every request a script makes. */
export function recordApiTokenUse(tokenId: number, lastUsedAt: string | null): void {
  const at = now();
  if (lastUsedAt && Date.parse(at) - Date.parse(lastUsedAt) < USE_RECORDED_EVERY_MS) return;
  prepared('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(at, tokenId);
}

export function revokeApiToken(viewer: Viewer, tokenId: number): void {
  const result = prepared('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND participant_id = ? AND revoked_at IS NULL').run(
    now(),
    tokenId,
    viewer.id,
  );
  if (result.changes === 0) throw notFound('Token not found');
}
