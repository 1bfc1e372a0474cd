/**
 * One instance per process. The custom server bundle (dist/server.mjs) and Next's bundles each hold their
 * own copy of our modules; state they must share (the database connection, the realtime
 * publisher, rate limiters) is kept on globalThis under a registered symbol.
 */
export function singleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`chaikhana.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  return (store[key] ??= create());
}

export function peekSingleton<T>(name: string): T | undefined {
  return (globalThis as unknown as Record<symbol, T | undefined>)[Symbol.for(`chaikhana.${name}`)];
}

export function clearSingleton(name: string): void {
  delete (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(`chaikhana.${name}`)];
}
