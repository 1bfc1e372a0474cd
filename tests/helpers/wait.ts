/**
 * Waits for a condition, polling, until a deadline: a positive check never sleeps a fixed time,
 * and a condition that never comes fails with what was awaited instead of hanging the suite.
 * Resolves with how long it took (ms), for checks like "closed within 2 s".
 */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string | (() => string),
  timeoutMs = 10_000,
  /** Between two looks: longer when looking costs something (a write attempt). */
  intervalMs = 20,
): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return Date.now() - started;
}

/** Lets time pass on purpose (a session's age, a load that runs for a while): never to wait for a result. */
export const elapse = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
