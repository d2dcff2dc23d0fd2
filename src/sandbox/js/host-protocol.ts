// The messages between the caller's process and the JS host process (js-host.mjs), and the checks
// the caller applies to everything the host sends. The host runs hostile code; if it were ever
// subverted its messages would be hostile too, so nothing it sends is used before it passes these
// checks, and anything malformed counts as a host failure, never as a result.

/** Parent -> host: run `code` in a fresh isolate. */
export interface HostRunMessage {
  type: 'run';
  id: number;
  code: string;
  /** `JSON.stringify(input)`, parsed inside the isolate; absent when there is no input. */
  inputJson?: string;
  timeoutMs: number;
  memoryMb: number;
  maxOutputBytes: number;
  /** `function`: an async function body (`return`); `script`: the completion value, awaited if a promise. */
  mode?: 'function' | 'script';
}

/** Parent -> host: dispose the isolate of run `id` now. */
export interface HostAbortMessage {
  type: 'abort';
  id: number;
}

export type ParentMessage = HostRunMessage | HostAbortMessage;

/** Limit violations the host itself detects. */
export type HostViolationReason = 'timeout' | 'memory' | 'killed';

/** What one run ended with, as the host reports it. */
export type HostOutcome =
  /** The guest prelude's JSON answer (see guest-prelude.mjs), still to be parsed and checked. */
  | { kind: 'envelope'; envelope: string; wallTimeMs: number; cpuTimeMs: number }
  /** The guest's code did not compile. */
  | { kind: 'syntax'; message: string }
  /** isolated-vm raised a guest error outside `settle` (e.g. a rejected promise nobody handled). */
  | { kind: 'uncaught'; name: string; message: string }
  | { kind: 'violation'; reason: HostViolationReason }
  /** Something failed inside the host (not the guest's doing). */
  | { kind: 'internal'; message: string };

export type HostMessage =
  { type: 'ready' } | { type: 'fatal'; message: string } | { type: 'done'; id: number; outcome: HostOutcome };

/** The guest prelude's answer, once parsed and checked. */
export type GuestEnvelope =
  | { kind: 'ok'; valueJson: string | null; logs: string[]; logsDropped: number }
  | { kind: 'throw'; name: string; message: string; stack: string; logs: string[]; logsDropped: number }
  | { kind: 'output-limit'; size: number; logs: string[]; logsDropped: number };

type Dict = Record<string, unknown>;

const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

function parseOutcome(v: unknown): HostOutcome | undefined {
  if (!isDict(v)) return undefined;
  switch (v.kind) {
    case 'envelope':
      return typeof v.envelope === 'string' && isTime(v.wallTimeMs) && isTime(v.cpuTimeMs)
        ? { kind: 'envelope', envelope: v.envelope, wallTimeMs: v.wallTimeMs, cpuTimeMs: v.cpuTimeMs }
        : undefined;
    case 'syntax':
      return typeof v.message === 'string' ? { kind: 'syntax', message: v.message } : undefined;
    case 'uncaught':
      return typeof v.name === 'string' && typeof v.message === 'string'
        ? { kind: 'uncaught', name: v.name, message: v.message }
        : undefined;
    case 'violation':
      return v.reason === 'timeout' || v.reason === 'memory' || v.reason === 'killed'
        ? { kind: 'violation', reason: v.reason }
        : undefined;
    case 'internal':
      return typeof v.message === 'string' ? { kind: 'internal', message: v.message } : undefined;
    default:
      return undefined;
  }
}

/**
 * Check a message from the host; `undefined` when it is not one this protocol defines.
 *
 * @example
 * child.on('message', (raw) => { const m = parseHostMessage(raw); if (m === undefined) failHost('bad message'); });
 */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  if (!isDict(raw)) return undefined;
  if (raw.type === 'ready') return { type: 'ready' };
  if (raw.type === 'fatal') return { type: 'fatal', message: String(raw.message) };
  if (raw.type === 'done' && isCount(raw.id)) {
    const outcome = parseOutcome(raw.outcome);
    return outcome === undefined ? undefined : { type: 'done', id: raw.id, outcome };
  }
  return undefined;
}

/**
 * Parse and check the guest prelude's JSON answer; `undefined` when it is malformed.
 *
 * @example
 * const envelope = parseGuestEnvelope('{"kind":"ok","valueJson":"2","logs":[],"logsDropped":0}');
 */
export function parseGuestEnvelope(text: string): GuestEnvelope | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isDict(v) || !isStrings(v.logs) || !isCount(v.logsDropped)) return undefined;
  const { logs, logsDropped } = v;
  switch (v.kind) {
    case 'ok':
      return v.valueJson === null || typeof v.valueJson === 'string'
        ? { kind: 'ok', valueJson: v.valueJson, logs, logsDropped }
        : undefined;
    case 'throw':
      return typeof v.name === 'string' && typeof v.message === 'string' && typeof v.stack === 'string'
        ? { kind: 'throw', name: v.name, message: v.message, stack: v.stack, logs, logsDropped }
        : undefined;
    case 'output-limit':
      return isCount(v.size) ? { kind: 'output-limit', size: v.size, logs, logsDropped } : undefined;
    default:
      return undefined;
  }
}
