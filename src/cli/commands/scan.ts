import { createReadStream, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { withHostCheck } from '../../detect/detect.js';
import type { Channel, FindingKind } from '../../detect/finding.js';
import { FINDING_KINDS, INJECTION_THRESHOLD, scan as scanText, type ScanOptions } from '../../detect/scan.js';
import { StreamRedactor } from '../../detect/stream-redactor.js';
import { type CliIo, EXIT, usageError } from '../usage-error.js';

export const SCAN_HELP = `Usage:
  warden scan [--json] [--channel user|tool] [--allow-host HOST]... [FILE|-]
  warden scan --jsonl FILE [--channel user|tool]

Scan text for secrets, PII, prompt injection, exfiltration links and hidden text (FILE, or
standard input when FILE is "-" or absent). The default channel is "tool" (a tool result).

Options:
  --json           print {"findings": [...], "scores": {"injection": 0..1}}; an injection finding
                   is present exactly when the score reaches the channel's threshold
  --jsonl FILE     read JSON lines with a "text" field (and optional "channel"); print one result
                   per line, in order ("-" for standard input)
  --channel C      user (input typed by the user) or tool (a tool result; default)
  --allow-host H   a host links and images may point to (repeatable; as in network.allow)

Exit codes: 0 nothing found, 1 findings, 2 bad input, 3 internal error.
`;

export const REDACT_HELP = `Usage:
  warden redact [--kinds secret,pii] [--min-score N] [FILE|-]

Print the text with secrets and PII replaced by typed placeholders ([REDACTED:github-pat]).
Reads FILE or standard input, a chunk at a time: a secret split across chunks is still found.

Options:
  --kinds LIST     kinds to redact, comma-separated (default secret,pii)
  --min-score N    leave findings below this confidence (default 0.5)
`;

function readInput(file: string | undefined, io: CliIo, what: string): string {
  try {
    return file === undefined || file === '-'
      ? readFileSync(0, 'utf8')
      : readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw usageError(`${what} ${file ?? '-'}: cannot read (${(error as { code?: string }).code ?? 'error'})`);
  }
}

function parseChannel(value: unknown, where: string): Channel {
  if (value === undefined) return 'tool';
  if (value === 'user' || value === 'tool') return value;
  throw usageError(`${where}: channel must be "user" or "tool", got ${JSON.stringify(value)}`);
}

/** `warden scan`. */
export async function scan(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        jsonl: { type: 'string' },
        channel: { type: 'string' },
        'allow-host': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw usageError(`${(error as Error).message}\n\n${SCAN_HELP}`);
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout(SCAN_HELP);
    return EXIT.ok;
  }
  if (parsed.positionals.length > 1) throw usageError(`give at most one FILE\n\n${SCAN_HELP}`);
  const channel = parseChannel(v.channel, '--channel');
  const base: ScanOptions = withHostCheck({
    channel,
    ...(v['allow-host'] ? { allowHosts: v['allow-host'] } : {}),
  });

  if (v.jsonl !== undefined) {
    if (parsed.positionals.length > 0) throw usageError('--jsonl takes the input file; give no FILE');
    const text = readInput(v.jsonl, io, '--jsonl');
    // Validate every line before scanning any, so bad input never leaves half an output.
    const items: { text: string; channel: Channel }[] = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (line === '') continue;
      const where = `--jsonl ${v.jsonl}:${i + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw usageError(`${where}: not a JSON line`);
      }
      if (
        value === null ||
        typeof value !== 'object' ||
        typeof (value as { text?: unknown }).text !== 'string'
      ) {
        throw usageError(`${where}: expected an object with a string "text" field`);
      }
      const item = value as { text: string; channel?: unknown };
      items.push({
        text: item.text,
        channel: item.channel === undefined ? channel : parseChannel(item.channel, where),
      });
    }
    let found = false;
    for (const item of items) {
      const result = scanText(item.text, { ...base, channel: item.channel });
      found ||= result.findings.length > 0;
      io.stdout(`${JSON.stringify({ findings: result.findings, scores: result.scores })}\n`);
    }
    return found ? EXIT.findings : EXIT.ok;
  }

  const text = readInput(parsed.positionals[0], io, 'scan');
  const result = scanText(text, base);
  if (v.json) {
    io.stdout(`${JSON.stringify({ findings: result.findings, scores: result.scores })}\n`);
  } else {
    for (const f of result.findings) {
      const where = lineColumn(text, f.start);
      const via = f.encodings ? ` (inside ${f.encodings.join(' > ')})` : '';
      io.stdout(
        `${where.line}:${where.column}  ${f.kind}/${f.type}  score ${f.score.toFixed(2)}${via}${f.message ? `  ${f.message}` : ''}\n`,
      );
    }
    io.stdout(
      `${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}; injection score ${result.scores.injection.toFixed(3)} (flagged at ${INJECTION_THRESHOLD} for ${channel} text)\n`,
    );
  }
  return result.findings.length > 0 ? EXIT.findings : EXIT.ok;
}

/** `warden redact`: streams the input through the redactor. */
export async function redactCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        kinds: { type: 'string' },
        'min-score': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw usageError(`${(error as Error).message}\n\n${REDACT_HELP}`);
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout(REDACT_HELP);
    return EXIT.ok;
  }
  if (parsed.positionals.length > 1) throw usageError(`give at most one FILE\n\n${REDACT_HELP}`);
  const kinds = (v.kinds ?? 'secret,pii').split(',').map((k) => k.trim());
  for (const k of kinds) {
    if (!FINDING_KINDS.includes(k as FindingKind)) {
      throw usageError(`--kinds: unknown kind "${k}" (kinds: ${FINDING_KINDS.join(', ')})`);
    }
  }
  const minScore = v['min-score'] === undefined ? 0.5 : Number(v['min-score']);
  if (!Number.isFinite(minScore) || minScore < 0 || minScore > 1) {
    throw usageError('--min-score must be a number from 0 to 1');
  }
  const file = parsed.positionals[0];
  const redactor = new StreamRedactor({
    redact: kinds as FindingKind[],
    minScore,
    kinds: kinds as FindingKind[],
  });
  const stream =
    file === undefined || file === '-'
      ? process.stdin
      : createReadStream(resolve(io.cwd, file), { encoding: 'utf8', highWaterMark: 64 * 1024 });
  if (stream === process.stdin) process.stdin.setEncoding('utf8');
  try {
    for await (const chunk of stream as AsyncIterable<string>) io.stdout(redactor.push(chunk).text);
  } catch (error) {
    throw usageError(`redact ${file ?? '-'}: cannot read (${(error as { code?: string }).code ?? 'error'})`);
  }
  io.stdout(redactor.end().text);
  return EXIT.ok;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lastBreak = i;
    }
  }
  return { line, column: offset - lastBreak };
}
