/** One holder at a time, in arrival order; the lock passes straight to the next waiter. */
export class Mutex {
  private locked = false;
  private readonly waiters: (() => void)[] = [];

  async run<T>(body: () => Promise<T>): Promise<T> {
    if (this.locked) await new Promise<void>((resolve) => this.waiters.push(resolve));
    else this.locked = true;
    try {
      return await body();
    } finally {
      const next = this.waiters.shift();
      if (next) next();
      else this.locked = false;
    }
  }

  get waiting(): number {
    return this.waiters.length;
  }
}
