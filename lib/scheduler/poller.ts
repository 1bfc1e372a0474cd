/**
 * Runs `tick` every `intervalMs`, never two at once (a slow tick skips the next beats), in the
 * background (the timer keeps no process alive). `tick` is told whether it was stopped, to end a
 * batch early; the returned stop waits for the tick under way.
 */
export function poll(intervalMs: number, tick: (stopped: () => boolean) => Promise<void>): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (!running)
      running = tick(() => stopped)
        .catch(() => undefined)
        .finally(() => (running = null));
  }, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
