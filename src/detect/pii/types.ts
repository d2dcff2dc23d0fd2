import type { CountryCode } from 'libphonenumber-js';

/** The kinds of personal data `findPii` recognizes. */
export type PiiType =
  | 'email'
  | 'phone'
  | 'credit-card'
  | 'iban'
  | 'us-ssn'
  | 'us-bank-routing'
  | 'ip-address'
  | 'mac-address'
  | 'person'
  | 'street-address';

/** Every type, in the order recognizers run. */
export const PII_TYPES: readonly PiiType[] = [
  'email',
  'phone',
  'credit-card',
  'iban',
  'us-ssn',
  'us-bank-routing',
  'ip-address',
  'mac-address',
  'person',
  'street-address',
];

export interface FindPiiOptions {
  /** Restrict to these types (default: all). */
  types?: readonly PiiType[];
  /** Region for phone numbers written without a country code (default `US`). */
  defaultRegion?: CountryCode;
}

export type { CountryCode };
