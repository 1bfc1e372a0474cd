'use client';

import { useSyncExternalStore } from 'react';

const NONE: ReadonlySet<number> = new Set();
let changed: ReadonlySet<number> = NONE;
const listeners = new Set<() => void>();
const set = (next: ReadonlySet<number>) => {
  changed = next;
  for (const listener of listeners) listener();
};

/** Marks the matrix rows of initiatives that just changed, for a few seconds. */
export function markChangedRows(ids: number[]): void {
  if (ids.length === 0) return;
  set(new Set([...changed, ...ids]));
  setTimeout(() => set(new Set([...changed].filter((id) => !ids.includes(id)))), 4000);
}

export function useChangedRows(): ReadonlySet<number> {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => changed,
    () => NONE,
  );
}
