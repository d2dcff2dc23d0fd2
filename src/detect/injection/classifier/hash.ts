// 32-bit FNV-1a steps and a finalizer, on numbers only: hashing n-grams must not allocate strings.

/** FNV-1a 32-bit offset basis. */
export const FNV_BASIS = 0x811c9dc5;

/** One FNV-1a step: fold a UTF-16 code unit into the running hash. */
export function fnvStep(hash: number, codeUnit: number): number {
  return Math.imul(hash ^ codeUnit, 0x01000193);
}

/**
 * Murmur3's finalizer: FNV's low bits are weak for short inputs, and the bucket is taken from the
 * low bits, so mix every bit of the hash into them first.
 */
export function fmix32(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
