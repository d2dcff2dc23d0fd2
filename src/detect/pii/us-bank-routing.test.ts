import { describe, expect, it } from 'vitest';
import { abaRoutingValid, findUsBankRouting } from './us-bank-routing.js';

/** Complete an 8-digit prefix with the ABA check digit. */
function routing(prefix: string): string {
  const d = [...prefix].map(Number);
  const partial = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]!);
  return prefix + String((10 - (partial % 10)) % 10);
}

describe('abaRoutingValid', () => {
  it('accepts computed numbers and rejects a changed digit or an unknown prefix', () => {
    const valid = routing('02100002');
    expect(abaRoutingValid(valid)).toBe(true);
    expect(abaRoutingValid(valid.slice(0, -1) + String((Number(valid.at(-1)) + 1) % 10))).toBe(false);
    expect(abaRoutingValid(routing('42104211'))).toBe(false);
  });
});

describe('findUsBankRouting', () => {
  it('is confident only with a routing keyword', () => {
    const valid = routing('11100002');
    expect(findUsBankRouting(`routing number ${valid}`)).toMatchObject([{ start: 15, end: 24, score: 0.9 }]);
    expect(findUsBankRouting(`ref ${valid}`)[0]!.score).toBeLessThan(0.4);
  });
});
