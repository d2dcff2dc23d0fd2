// Passwords in URLs: `scheme://user:password@host` (database connection strings, brokers, HTTP
// basic auth). The span is the password, so redaction keeps the rest of the URL readable.
import { isAlnum, isLetter, isQuote, isSpace, runEnd, runStart } from './char-codes.js';
import { PRIORITY, type Detector } from './detector.js';
import { startsWithKnownPrefix } from './known-prefixes.js';
import { isPlaceholder } from './placeholders.js';
import { characterClasses, shannonEntropy } from './randomness.js';

export const URL_CREDENTIAL_TYPES = [
  {
    type: 'connection-string-password',
    provider: 'Databases and brokers',
    title: 'password in a database or broker connection string',
  },
  { type: 'url-password', provider: 'URLs', title: 'password (or token) in a URL' },
] as const;

// Schemes whose URLs are connection strings to data stores and message brokers.
const DATA_SCHEMES = new Set([
  'postgres',
  'postgresql',
  'pgsql',
  'mysql',
  'mysqlx',
  'mariadb',
  'mongodb',
  'mongodb+srv',
  'redis',
  'rediss',
  'valkey',
  'amqp',
  'amqps',
  'mssql',
  'sqlserver',
  'oracle',
  'cockroachdb',
  'clickhouse',
  'cassandra',
  'couchbase',
  'couchbases',
  'couchdb',
  'neo4j',
  'neo4j+s',
  'neo4j+ssc',
  'bolt',
  'memcached',
  'nats',
  'mqtt',
  'mqtts',
  'ldap',
  'ldaps',
  'kafka',
  'db2',
  'snowflake',
  'presto',
  'trino',
  'influxdb',
  'elasticsearch',
  'opensearch',
  'rethinkdb',
  'firebird',
  'stomp',
  'stomps',
]);

const isSchemeChar = (c: number) => isAlnum(c) || c === 0x2b || c === 0x2e || c === 0x2d;
// The authority ends at the path, query, fragment, whitespace, quotes or markup.
const isAuthorityChar = (c: number) =>
  !isSpace(c) &&
  !isQuote(c) &&
  c !== 0x2f &&
  c !== 0x3f &&
  c !== 0x23 &&
  c !== 0x3c &&
  c !== 0x3e &&
  c !== 0x5c;
const isHostChar = (c: number) =>
  isAlnum(c) ||
  c === 0x2e ||
  c === 0x2d ||
  c === 0x5f ||
  c === 0x3a ||
  c === 0x5b ||
  c === 0x5d ||
  c === 0x25 ||
  c === 0x2c;

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A credential-free user part that is itself a token (`https://<token>@host`). */
function tokenLike(s: string): boolean {
  return s.length >= 20 && characterClasses(s) >= 2 && shannonEntropy(s) >= 3.5 && !isPlaceholder(s);
}

export const urlCredentialDetector: Detector = {
  anchors: ['://'],
  detect(text, at, _anchor, _state, out) {
    const next = at + 3;
    let schemeStart = runStart(text, at, 32, isSchemeChar);
    while (schemeStart < at && !isLetter(text.charCodeAt(schemeStart))) schemeStart++;
    if (schemeStart === at) return next;
    const scheme = text.slice(schemeStart, at).toLowerCase();
    const end = runEnd(text, next, 512, isAuthorityChar);
    const authority = text.slice(next, end);
    const atSign = authority.lastIndexOf('@');
    if (atSign <= 0) return next;
    const hostStart = next + atSign + 1;
    const hostEnd = runEnd(text, hostStart, 256, isHostChar);
    if (!/[A-Za-z0-9]/.test(text.slice(hostStart, hostEnd))) return next;
    const userinfo = authority.slice(0, atSign);
    const colon = userinfo.indexOf(':');
    const data = DATA_SCHEMES.has(scheme) || scheme.startsWith('jdbc');
    const meta = URL_CREDENTIAL_TYPES[data ? 0 : 1];
    if (colon < 0) {
      if (!tokenLike(decoded(userinfo)) || startsWithKnownPrefix(text, next)) return next;
      out.push({
        type: meta.type,
        start: next,
        end: next + atSign,
        score: 0.7,
        message: `token as the user name of a ${scheme} URL`,
        priority: PRIORITY.auth,
      });
      return next;
    }
    const user = decoded(userinfo.slice(0, colon));
    const password = decoded(userinfo.slice(colon + 1));
    const start = next + colon + 1;
    if (password.length < 4 || password === user || isPlaceholder(password)) return next;
    if (startsWithKnownPrefix(text, start)) return next;
    const weak = password.length < 8 && characterClasses(password) < 2;
    out.push({
      type: meta.type,
      start,
      end: next + atSign,
      score: weak ? 0.6 : data ? 0.85 : 0.8,
      message: `password in a ${scheme} URL`,
      priority: PRIORITY.auth,
    });
    return next;
  },
};
