/**
 * The Luhn (mod 10) check used by payment cards: true when `digits` (ASCII digits only) passes.
 *
 * @example
 * luhnValid('79927398713') // true
 * luhnValid('79927398710') // false
 */
export function luhnValid(digits: string): boolean {
  if (digits.length < 2) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * The digit that makes `payload + digit` pass Luhn: used to build valid test numbers.
 *
 * @example
 * luhnCheckDigit('7992739871') // '3'
 */
export function luhnCheckDigit(payload: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(payload + String(d))) return String(d);
  return '0';
}
