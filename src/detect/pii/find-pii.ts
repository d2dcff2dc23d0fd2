import type { Match } from '../finding.js';
import { findEmails } from './email.js';
import { findIbans } from './iban.js';
import { findIpAddresses } from './ip-address.js';
import { findMacAddresses } from './mac-address.js';
import { findPaymentCards } from './payment-card.js';
import { findPersonNames } from './person-name.js';
import { findPhones } from './phone.js';
import { holdScan } from './scan.js';
import { findStreetAddresses } from './street-address.js';
import { type FindPiiOptions, PII_TYPES, type PiiType } from './types.js';
import { findUsBankRouting } from './us-bank-routing.js';
import { findUsSsns } from './us-ssn.js';

type Recognizer = (text: string, options: FindPiiOptions) => Match[];

const RECOGNIZERS: Readonly<Record<PiiType, Recognizer>> = {
  email: findEmails,
  phone: (text, options) => findPhones(text, options.defaultRegion ?? 'US'),
  'credit-card': findPaymentCards,
  iban: findIbans,
  'us-ssn': findUsSsns,
  'us-bank-routing': findUsBankRouting,
  'ip-address': findIpAddresses,
  'mac-address': findMacAddresses,
  person: findPersonNames,
  'street-address': findStreetAddresses,
};

// When two matches overlap, the more specific kind wins: checksummed and structured identifiers
// over phone numbers, phone numbers over addresses and names (a card number is also a digit run
// libphonenumber may accept; an email's local part may hold a name).
const PRIORITY: Readonly<Record<string, number>> = {
  email: 9,
  iban: 8,
  'credit-card': 8,
  'ip-address': 7,
  'mac-address': 7,
  'us-ssn': 6,
  'us-bank-routing': 5,
  phone: 4,
  'street-address': 3,
  person: 2,
};

// Larger inputs are scanned in overlapping slices so no recognizer sees more than this at once.
const MAX_SLICE = 1 << 20;
const SLICE_OVERLAP = 1024;

/**
 * Find personal data in one string: emails, phone numbers, payment cards, IBANs, US SSNs and bank
 * routing numbers, IP and MAC addresses, person names and street addresses. Spans are UTF-16
 * offsets into `text`; overlapping matches are resolved in favour of the more specific type.
 * Never throws: a recognizer that fails on odd input contributes nothing.
 *
 * @example
 * findPii('Mail jane.doe@example.com or call +1 415 555 0132', { types: ['email', 'phone'] })
 * // [{ type: 'email', start: 5, end: 25, score: 0.95 }, { type: 'phone', start: 34, end: 49, score: 0.95 }]
 */
export function findPii(text: string, options: FindPiiOptions = {}): Match[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const types = options.types ?? PII_TYPES;
  if (text.length > MAX_SLICE) return findInSlices(text, options);
  // Names and addresses read the words of one shared pass over the text.
  return holdScan(() => {
    const all: Match[] = [];
    for (const type of types) {
      const recognizer = RECOGNIZERS[type];
      if (!recognizer) continue;
      try {
        for (const m of recognizer(text, options)) all.push(m);
      } catch {
        // Fail closed at the orchestrator: one broken recognizer must not hide the others' findings.
      }
    }
    return resolveOverlaps(all);
  });
}

function findInSlices(text: string, options: FindPiiOptions): Match[] {
  const all: Match[] = [];
  for (let from = 0; from < text.length; from += MAX_SLICE - SLICE_OVERLAP) {
    const slice = text.slice(from, from + MAX_SLICE);
    for (const m of findPii(slice, options)) all.push({ ...m, start: m.start + from, end: m.end + from });
    if (from + MAX_SLICE >= text.length) break;
  }
  return resolveOverlaps(all);
}

/** Keep a set of non-overlapping matches, preferring priority, then score, then length. */
export function resolveOverlaps(matches: Match[]): Match[] {
  const ranked = [...matches].sort(
    (a, b) =>
      (PRIORITY[b.type] ?? 0) - (PRIORITY[a.type] ?? 0) ||
      b.score - a.score ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start,
  );
  const kept: Match[] = [];
  for (const m of ranked) {
    if (m.end <= m.start) continue;
    if (kept.some((k) => k.start < m.end && m.start < k.end)) continue;
    kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}
