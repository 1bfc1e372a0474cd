/** At most `capacity` holders at a time, in arrival order; a freed place passes straight to the next waiter. */
export class Semaphore {
  private held = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly capacity: number) {}

  async run<T>(body: () => Promise<T>): Promise<T> {
    if (this.held >= this.capacity) await new Promise<void>((resolve) => this.waiters.push(resolve));
    else this.held++;
    try {
      return await body();
    } finally {
      const next = this.waiters.shift();
      if (next) next();
      else this.held--;
    }
  }

  get waiting(): number {
    return this.waiters.length;
  }
}

/** One holder at a time. */
export class Mutex extends Semaphore {
  constructor() {
    super(1);
  }
}
