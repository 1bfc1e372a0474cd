// The resolve hook of search-index-off.mjs (module.register runs it on the loader thread).
const REAL = '/lib/services/search/index-writes.ts';
const STUB = new URL('./index-writes-off.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  // The stub itself re-exports the real module: only other importers are redirected.
  if (resolved.url.split('?')[0].endsWith(REAL) && context.parentURL !== STUB) return { ...resolved, url: STUB };
  return resolved;
}
