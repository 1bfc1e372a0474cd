/**
 * `node --import tsx --import ./bench/lib/search-index-off.mjs …`: in that process (a bench's
 * child, never the server) the services' `lib/services/search/index-writes.ts` resolves to
 * `index-writes-off.ts`, the same module with `indexNew` a no-op — the real write path without
 * its search index entry, for bench/search.ts's same-run A/B of the write cost.
 */
import { register } from 'node:module';

register('./search-index-off-hooks.mjs', import.meta.url);
