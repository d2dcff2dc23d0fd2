// Caps how many runs one JS sandbox has in its host at once. Each run owns an isolate with its own
// heap limit, so without a cap a burst of runs multiplies the host's memory by the burst size. Runs
// past the cap wait in order; a waiting run can still be aborted.

/** A FIFO counting semaphore whose waits honour an AbortSignal. */
export class ConcurrencyGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /**
   * Wait for a slot; resolves to the function that frees it (call it exactly once).
   *
   * @example
   * const release = await gate.enter(signal);
   * try { await work(); } finally { release(); }
   */
  async enter(signal?: AbortSignal): Promise<() => void> {
    if (this.active < this.limit) {
      this.active += 1;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const wake = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        const at = this.waiting.indexOf(wake);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal?.reason);
      };
      this.waiting.push(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    };
  }
}
