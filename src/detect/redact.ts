import type { Finding, FindingKind } from './finding.js';
import { scan, type ScanOptions, type ScanResult } from './scan.js';

export interface RedactOptions extends ScanOptions {
  /** Kinds whose spans are replaced (default: secrets and PII). */
  redact?: readonly FindingKind[];
  /** Findings below this confidence are left in place (default 0.5). */
  minScore?: number;
  /** Replacement text for a finding (default `[REDACTED:<type>]`). */
  placeholder?: (finding: Finding) => string;
}

export interface RedactResult extends ScanResult {
  text: string;
  /** How many spans were replaced. */
  redacted: number;
}

const DEFAULT_KINDS: readonly FindingKind[] = ['secret', 'pii'];

/**
 * Scan a text and replace its secrets and PII with typed placeholders. Overlapping findings are
 * merged into one replacement; a secret found inside an encoded run (base64 …) replaces the
 * whole run, so no decodable copy survives.
 *
 * @example
 * redact('token: ghp_…').text // 'token: [REDACTED:github-pat]'
 */
export function redact(text: string, options: RedactOptions = {}): RedactResult {
  const result = scan(text, options);
  const { text: out, redacted } = applyRedactions(text, result.findings, options);
  return { ...result, text: out, redacted };
}

/** Replace the spans of the findings `options` selects. Exposed for the streaming redactor. */
export function applyRedactions(
  text: string,
  findings: readonly Finding[],
  options: Pick<RedactOptions, 'redact' | 'minScore' | 'placeholder'> = {},
): { text: string; redacted: number } {
  const kinds = new Set(options.redact ?? DEFAULT_KINDS);
  const minScore = options.minScore ?? 0.5;
  const placeholder = options.placeholder ?? ((f: Finding) => `[REDACTED:${f.type}]`);
  const spans = findings
    .filter((f) => kinds.has(f.kind) && f.score >= minScore && f.end > f.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  let redacted = 0;
  for (let i = 0; i < spans.length; i++) {
    const first = spans[i]!;
    let end = first.end;
    // Merge everything overlapping this span: one placeholder, named after the widest finding.
    while (i + 1 < spans.length && spans[i + 1]!.start < end) end = Math.max(end, spans[++i]!.end);
    if (first.start < at) continue;
    out += text.slice(at, first.start) + placeholder(first);
    at = end;
    redacted++;
  }
  return { text: out + text.slice(at), redacted };
}
