import type { Finding } from './finding.js';
import { applyRedactions, type RedactOptions } from './redact.js';
import { scan } from './scan.js';

export interface StreamRedactorOptions extends RedactOptions {
  /** Text held back at the end of each chunk, so a match across a chunk boundary is whole (default 4 KiB). */
  overlap?: number;
  /** Already emitted text kept as context for the next scan, never emitted again (default 256). */
  lookback?: number;
  /** A token longer than this (no whitespace) is cut anyway (default 1 MiB). */
  maxHold?: number;
}

export interface StreamChunkResult {
  /** Redacted text that is final: concatenating every `text` gives the redacted stream. */
  text: string;
  /** Findings that ended in this part, with offsets in the whole input stream. */
  findings: Finding[];
}

/**
 * Scan and redact a stream chunk by chunk, holding back only a bounded tail: a secret split
 * across two chunks is still found and replaced, and large outputs are never held twice.
 *
 * @example
 * const r = new StreamRedactor();
 * for await (const chunk of output) process.stdout.write(r.push(chunk).text);
 * process.stdout.write(r.end().text);
 */
export class StreamRedactor {
  private pending = '';
  private context = '';
  /** Stream offset of `pending[0]`. */
  private offset = 0;
  private injection = 0;
  private complete = true;
  private readonly overlap: number;
  private readonly lookback: number;
  private readonly maxHold: number;

  constructor(private readonly options: StreamRedactorOptions = {}) {
    this.overlap = options.overlap ?? 4096;
    this.lookback = options.lookback ?? 256;
    this.maxHold = options.maxHold ?? 1024 * 1024;
  }

  push(chunk: string): StreamChunkResult {
    this.pending += chunk;
    if (this.pending.length <= this.overlap) return { text: '', findings: [] };
    return this.flush(false);
  }

  /** Flush the held-back tail. `scores.injection` is the highest score any part reached. */
  end(): StreamChunkResult & { scores: { injection: number }; complete: boolean } {
    const last = this.flush(true);
    return { ...last, scores: { injection: this.injection }, complete: this.complete };
  }

  private flush(final: boolean): StreamChunkResult {
    const pending = this.pending;
    const text = this.context + pending;
    const skip = this.context.length;
    const result = scan(text, this.options);
    this.injection = Math.max(this.injection, result.scores.injection);
    this.complete &&= result.complete;
    // Findings inside the context were handled when that text was emitted.
    const findings = result.findings.filter((f) => f.start >= skip);

    let cut = final ? text.length : text.length - this.overlap;
    if (!final) {
      // Never cut inside a finding, nor inside a token (a base64 run, a long key).
      let moved = true;
      while (moved) {
        moved = false;
        for (const f of findings) {
          if (f.start < cut && f.end > cut) {
            cut = f.start;
            moved = true;
          }
        }
      }
      // A PEM block has line breaks: hold an unterminated one back whole.
      const begin = text.lastIndexOf('-----BEGIN ', cut);
      if (begin >= skip && text.indexOf('-----END ', begin) === -1) cut = Math.min(cut, begin);
      const space = lastWhitespaceBefore(text, cut, skip);
      if (space > skip) cut = space;
      else if (pending.length < this.maxHold) return { text: '', findings: [] };
    }
    if (cut <= skip) return { text: '', findings: [] };

    const done = findings.filter((f) => f.end <= cut);
    const { text: redacted } = applyRedactions(text.slice(0, cut), done, this.options);
    // The context part of the redacted text was emitted before: emit only what follows it.
    // (No finding starts inside it, so its length is unchanged by redaction.)
    const emitted = redacted.slice(skip);
    const base = this.offset - skip;
    const out = done.map((f) => ({ ...f, start: f.start + base, end: f.end + base }));

    this.offset += cut - skip;
    this.context = text.slice(Math.max(0, cut - this.lookback), cut);
    this.pending = text.slice(cut);
    return { text: emitted, findings: out };
  }
}

function lastWhitespaceBefore(text: string, cut: number, floor: number): number {
  for (let i = cut; i > floor; i--) {
    const c = text.charCodeAt(i - 1);
    if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) return i;
  }
  return floor;
}
