/**
 * Waits for a condition, polling, until a deadline: a positive check never sleeps a fixed time,
 * and a condition that never comes fails with what was awaited instead of hanging the suite.
 */
export async function until(condition: () => boolean | Promise<boolean>, what: string | (() => string), timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Lets time pass on purpose (a session's age, a load that runs for a while): never to wait for a result. */
export const elapse = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
