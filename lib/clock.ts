/**
 * The time every service stamps its writes with. The demo seeder sets it back in time to give
 * the demo a plausible history; everything else uses the real clock.
 */
let fixed: Date | null = null;

export function now(): string {
  return (fixed ?? new Date()).toISOString();
}

/** Fixes the clock (null: back to real time). Only the demo seeder uses this. */
export function setClock(at: Date | null): void {
  fixed = at;
}
