// Fake credentials for tests, generated from a seed so that no fixture in the repository looks
// like a real key (secret scanners and push protection never trip on our sources).
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A deterministic pseudo-random stream (LCG): tests are reproducible. */
export function seededRandom(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 0x100000000;
  };
}

/** An AWS access key id shape (`AKIA` + 16 base32 characters) that belongs to no account. */
export function fakeAwsAccessKeyId(seed = 1): string {
  const next = seededRandom(seed);
  let s = 'AKIA';
  for (let i = 0; i < 16; i++) s += BASE32[Math.floor(next() * BASE32.length)];
  return s;
}
