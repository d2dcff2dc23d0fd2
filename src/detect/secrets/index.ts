export { base62, base62ChecksumValid, crc32, hexCrcChecksumValid } from './checksums.js';
export { findSecrets } from './find-secrets.js';
export { SECRET_RULES, type SecretDetection, type SecretRule } from './secret-rules.js';
export { CHECKSUM_FAILED_SCORE } from './token-format.js';
