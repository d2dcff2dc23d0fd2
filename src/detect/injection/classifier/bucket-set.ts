/**
 * The distinct hash buckets of one window, with the sum of their weights: a small open-addressing
 * set cleared by a stamp, so it stays in L1 cache (a stamp per bucket of the whole 2^20 hash space
 * would be megabytes of random access per feature).
 *
 * @example
 * const set = new BucketSet(512);
 * set.clear();
 * set.add(7, weights); set.add(7, weights); // counted once
 * set.count // 1
 */
export class BucketSet {
  /** Distinct buckets added since `clear`, in first-seen order. */
  readonly buffer: Int32Array;
  /** How many distinct buckets since `clear`. */
  count = 0;
  /** Sum of the weights of those buckets (when `add` was given weights). */
  sum = 0;
  private readonly keys: Int32Array;
  private readonly stamps: Uint32Array;
  private readonly mask: number;
  private stamp = 0;

  /** `capacity`: the most distinct buckets one window can have. */
  constructor(capacity: number) {
    this.buffer = new Int32Array(capacity);
    // At most half full, so probes stay short.
    const slots = 1 << (32 - Math.clz32(Math.max(2, capacity * 2) - 1));
    this.keys = new Int32Array(slots);
    this.stamps = new Uint32Array(slots);
    this.mask = slots - 1;
  }

  clear(): void {
    if (++this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    this.count = 0;
    this.sum = 0;
  }

  /** Add bucket `b` (a well-mixed hash, so its low bits index the table directly). */
  add(b: number, weights?: ArrayLike<number>): void {
    const { keys, stamps, mask, stamp } = this;
    let i = b & mask;
    while (stamps[i] === stamp) {
      if (keys[i] === b) return;
      i = (i + 1) & mask;
    }
    stamps[i] = stamp;
    keys[i] = b;
    this.buffer[this.count++] = b;
    if (weights !== undefined) this.sum += weights[b]!;
  }
}
