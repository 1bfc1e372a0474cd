import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { database } from '../../db/client';
import { dialect } from '../../db/dialect';
import type { PostgresDatabase } from '../../db/postgres/database';
import { singleton } from '../singleton';

/** The table rate-limiter-flexible keeps its counts in on PostgreSQL (created by our migrations). */
export const RATE_LIMIT_TABLE = 'rate_limits';

/**
 * A rate-limiter-flexible limiter in the right store: this process's memory on SQLite (one
 * process), PostgreSQL when several processes share it, so limits count across all of them.
 * One per name and process (the server bundle and Next's share it through globalThis).
 */
export function limiter(name: string, options: { points: number; duration: number }): RateLimiterAbstract {
  return singleton(`limiter:${name}`, () => {
    const common = { keyPrefix: name, points: options.points, duration: options.duration };
    if (dialect() === 'sqlite') return new RateLimiterMemory(common);
    const pool = (database() as PostgresDatabase).pool;
    return new RateLimiterPostgres({ ...common, storeClient: pool, tableName: RATE_LIMIT_TABLE, tableCreated: true });
  });
}

/** A refusal by a limiter (as opposed to a store that failed). */
export function isLimited(rejection: unknown): rejection is RateLimiterRes {
  return rejection instanceof RateLimiterRes || Boolean(rejection && typeof rejection === 'object' && 'msBeforeNext' in rejection);
}
