/**
 * lib/services/search/index-writes.ts with `indexNew` doing nothing (loaded in its place by
 * search-index-off.mjs, in a bench's child process only): a message posted through the real
 * service writes everything but its search index entry.
 */
export * from '../../lib/services/search/index-writes';

export async function indexNew(): Promise<void> {}
