import crypto from 'node:crypto';
import { prepared } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import { hashApiToken } from '../../auth/authenticate';
import { now } from '../../clock';
import { notFound } from '../../errors';
import { parseInput } from '../../validation/common';
import { apiTokenInput } from '../../validation/participants';

export interface ApiTokenView {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A personal API token for scripts, carrying exactly its owner's rights; shown once, stored hashed. */
export function createApiToken(viewer: Viewer, rawInput: unknown): ApiTokenView & { token: string } {
  const { name } = parseInput(apiTokenInput, rawInput);
  const token = `chk_${crypto.randomBytes(24).toString('base64url')}`;
  const at = now();
  const id = Number(
    prepared('INSERT INTO api_tokens (participant_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)').run(
      viewer.id,
      name,
      hashApiToken(token),
      at,
    ).lastInsertRowid,
  );
  return { id, name, createdAt: at, lastUsedAt: null, token };
}

export function listApiTokens(viewer: Viewer): ApiTokenView[] {
  return prepared(
    `SELECT id, name, created_at AS createdAt, last_used_at AS lastUsedAt FROM api_tokens
     WHERE participant_id = ? AND revoked_at IS NULL ORDER BY id DESC`,
  ).all(viewer.id) as ApiTokenView[];
}

export function revokeApiToken(viewer: Viewer, tokenId: number): void {
  const result = prepared('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND participant_id = ? AND revoked_at IS NULL').run(
    now(),
    tokenId,
    viewer.id,
  );
  if (result.changes === 0) throw notFound('Token not found');
}
