export { findExfiltration, type ExfiltrationOptions } from './find-exfiltration.js';
export { findUrlCandidates, type UrlCandidate, type UrlConstruct } from './url-candidates.js';
export { looksEncoded, shannonEntropy, urlDataSignals, type UrlDataSignals } from './url-data-signals.js';
export { resolveUrlTarget, type UrlTarget } from './url-target.js';
