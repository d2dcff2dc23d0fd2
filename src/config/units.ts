const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Milliseconds of a config duration.
 *
 * @example
 * parseDuration('5m') // 300000
 */
export function parseDuration(value: number | string): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(value.trim());
  if (!m) throw new Error(`invalid duration "${value}"`);
  return Math.round(Number(m[1]) * UNIT_MS[m[2]!]!);
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/**
 * Bytes of a config size.
 *
 * @example
 * parseSize('256M') // 268435456
 */
export function parseSize(value: number | string): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(value.trim());
  if (!m) throw new Error(`invalid size "${value}"`);
  return Math.round(Number(m[1]) * SIZE_UNITS[m[2]!.toLowerCase()]!);
}

const RATE_UNIT_MS: Record<string, number> = {
  s: 1000,
  sec: 1000,
  second: 1000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
};

/** A token bucket: `limit` calls per `perMs`, bursting to `burst`. */
export interface RateLimit {
  limit: number;
  perMs: number;
  burst: number;
}

/**
 * Parse `60/min`, `10/s`, `100/5m`-style rates or the object form.
 *
 * @example
 * parseRate('60/min') // { limit: 60, perMs: 60000, burst: 60 }
 */
export function parseRate(
  value: string | { limit: number; per: number | string; burst?: number },
): RateLimit {
  if (typeof value === 'object') {
    return { limit: value.limit, perMs: parseDuration(value.per), burst: value.burst ?? value.limit };
  }
  const m = /^(\d+)\s*\/\s*(\d+\s*)?([a-z]+)$/.exec(value.trim());
  const unit = m ? RATE_UNIT_MS[m[3]!] : undefined;
  if (!m || unit === undefined || Number(m[1]) <= 0) throw new Error(`invalid rate "${value}"`);
  const limit = Number(m[1]);
  return { limit, perMs: unit * (m[2] ? Number(m[2]) : 1), burst: limit };
}
