// Why: MCP clients show the model whatever `tools/list` returns, and a server can change a tool
// after the user approved it (rug pull) or ship one whose description carries instructions for the
// model (tool poisoning). The gateway filters every listing through here: only tools whose exact
// definition is pinned, and that do not read as poisoned, reach the client; calls are checked
// against the same decision so nothing slips in between a change and the next listing.
import {
  scanToolDefinition,
  type ScanToolDefinitionOptions,
  type ToolDefinition,
  type ToolPoisoningFinding,
} from '../../detect/tool-poisoning/index.js';
import { diffDefinitions } from './pin-diff.js';
import type { FindingSummary, PinStore, QuarantineReason, QuarantineRecord } from './pin-store.js';
import { canonicalToolJson, fingerprintOfCanonical, type ToolFingerprint } from './tool-fingerprint.js';

/** Why a listed tool was hidden: a stored quarantine reason, or `invalid` (no name, duplicate name). */
export type HiddenReason = QuarantineReason | 'invalid';

/** One hidden tool of a listing. */
export interface HiddenTool<T> {
  tool: T;
  reason: HiddenReason;
  /** Fingerprint of the listed definition (absent for `invalid` ones without a name). */
  fingerprint?: ToolFingerprint;
  /** Line diff from the pinned to the listed definition, when a pin exists and differs. */
  diff?: string;
  /** Detector findings (type, message, score; never matched text), when there are any. */
  findings?: FindingSummary[];
  /** For `invalid`: what is wrong. */
  message?: string;
}

export interface ToolEvaluation<T> {
  /** The tools to show downstream, as listed, in listing order. */
  visible: T[];
  hidden: HiddenTool<T>[];
  /** Alias of `hidden`. */
  quarantined: HiddenTool<T>[];
}

export type ToolScanner = (
  def: ToolDefinition,
  options?: ScanToolDefinitionOptions,
) => readonly ToolPoisoningFinding[];

export interface EvaluateToolsOptions {
  store: PinStore;
  /** Pin a never-seen tool at first sight and show it. Default false: it is hidden as `unapproved`. */
  trustOnFirstUse?: boolean;
  /** The poisoning detector; default `scanToolDefinition`. */
  scan?: ToolScanner;
  /** Passed to `scan`, e.g. `otherToolNames` of other servers to catch shadowing. */
  scanOptions?: ScanToolDefinitionOptions;
  /** A finding at or above this score hides the tool as `poisoned`; default 0.5. */
  poisonThreshold?: number;
  /** `approvedBy` of trust-on-first-use pins; default `trust-on-first-use`. */
  trustedBy?: string;
  /** Clock for `detectedAt`; defaults to the system clock. */
  now?: () => Date;
}

/**
 * Decide which tools of one server's **complete** `tools/list` result (all pages) are shown.
 * For each tool, in order:
 * 1. scan it with the tool-poisoning detector: a finding scoring >= `poisonThreshold` hides it as
 *    `poisoned`, pinned or not, trust-on-first-use or not;
 * 2. a tool with a quarantine record stays hidden (record refreshed if the definition moved) until
 *    `store.approve` pins its current definition;
 * 3. pinned and the fingerprint matches: shown;
 * 4. pinned and different: hidden as `changed`, with a diff;
 * 5. not pinned: with `trustOnFirstUse` pinned now and shown, else hidden as `unapproved`.
 * Tools without a name, or whose name is listed twice, are hidden as `invalid` (never stored).
 * Every hidden tool with a name is recorded with `store.quarantine`. Last, the listing's
 * fingerprints are recorded with `store.markSeen`, which {@link isCallAllowed} checks; pinned
 * tools missing from the listing become uncallable. If anything throws, the server's pins are
 * invalidated (no call passes) and the error is rethrown.
 *
 * @example
 * const store = new SqlitePinStore('./warden-pins.db');
 * const { visible, hidden } = evaluateTools('github', (await upstream.listTools()).tools, { store });
 * for (const h of hidden) log.warn(`${h.reason}: ${h.tool.name}\n${h.diff ?? ''}`);
 * return { tools: visible };
 */
export function evaluateTools<T extends ToolDefinition>(
  server: string,
  tools: readonly T[],
  options: EvaluateToolsOptions,
): ToolEvaluation<T> {
  const { store } = options;
  try {
    return evaluate(server, tools, options);
  } catch (error) {
    try {
      store.invalidate(server);
    } catch {
      // The original error says more; the gateway must treat a throw as "show nothing".
    }
    throw error;
  }
}

function evaluate<T extends ToolDefinition>(
  server: string,
  tools: readonly T[],
  options: EvaluateToolsOptions,
): ToolEvaluation<T> {
  const { store } = options;
  const scan = options.scan ?? scanToolDefinition;
  const threshold = options.poisonThreshold ?? 0.5;
  const now = options.now ?? (() => new Date());
  const visible: T[] = [];
  const hidden: HiddenTool<T>[] = [];
  const seen = new Map<string, ToolFingerprint>();

  const counts = new Map<string, number>();
  for (const t of tools) {
    const name = nameOf(t);
    if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
  }

  for (const tool of tools) {
    const name = nameOf(tool);
    if (name === undefined) {
      hidden.push({ tool, reason: 'invalid', message: 'a tool without a non-empty string name' });
      continue;
    }
    if ((counts.get(name) ?? 0) > 1) {
      // Which copy would a call reach? Neither is shown, and the name is not callable.
      hidden.push({ tool, reason: 'invalid', message: `the name "${name}" is listed more than once` });
      continue;
    }
    const canonical = canonicalToolJson(tool);
    const fingerprint = fingerprintOfCanonical(canonical);
    seen.set(name, fingerprint);

    const findings = [...scan(tool, options.scanOptions)].sort((a, b) => b.score - a.score);
    const summary: FindingSummary[] = findings.map((f) => ({
      type: f.type,
      message: f.message,
      score: f.score,
    }));
    const poisoned = findings.some((f) => f.score >= threshold);
    const pin = store.get(server, name);
    const held = store.getQuarantine(server, name);

    let reason: QuarantineReason | undefined;
    if (poisoned) reason = 'poisoned';
    else if (held) {
      // Hidden until approved; a definition that moved since it was hidden is reported for what it is now.
      if (pin && pin.fingerprint !== fingerprint) reason = 'changed';
      else if (held.fingerprint === fingerprint) reason = held.reason;
      else reason = pin ? 'changed' : 'unapproved';
    } else if (pin) reason = pin.fingerprint === fingerprint ? undefined : 'changed';
    else if (options.trustOnFirstUse) {
      store.approve(server, name, tool, options.trustedBy ?? 'trust-on-first-use');
      reason = undefined;
    } else reason = 'unapproved';

    if (reason === undefined) {
      visible.push(tool);
      continue;
    }
    const entry: HiddenTool<T> = { tool, reason, fingerprint };
    if (pin && pin.fingerprint !== fingerprint) entry.diff = diffDefinitions(pin.definition, canonical);
    if (summary.length > 0) entry.findings = summary;
    hidden.push(entry);
    // Keep the first detection time while the tool shows the same definition for the same reason.
    if (!held || held.fingerprint !== fingerprint || held.reason !== reason) {
      const record: QuarantineRecord = {
        fingerprint,
        definition: canonical,
        reason,
        findings: summary,
        detectedAt: now().toISOString(),
      };
      store.quarantine(server, name, record);
    }
  }

  store.markSeen(server, seen);
  return { visible, hidden, quarantined: hidden };
}

function nameOf(tool: unknown): string | undefined {
  if (tool === null || typeof tool !== 'object' || Array.isArray(tool)) return undefined;
  const name = (tool as { name?: unknown }).name;
  return typeof name === 'string' && name.length > 0 ? name : undefined;
}

/** Why a call was refused, or `ok`. */
export type CallCheck = 'ok' | 'not-pinned' | 'quarantined' | 'not-seen' | 'changed' | 'error';

/**
 * The call path's check, with the reason: a call passes only when the tool is pinned, not
 * quarantined, and the server's last evaluated listing showed exactly the pinned definition.
 * Any store error refuses (`error`).
 *
 * @example
 * const check = checkToolCall('github', 'create_issue', store);
 * if (check !== 'ok') return deny(`tool is not callable: ${check}`);
 */
export function checkToolCall(server: string, tool: string, store: PinStore): CallCheck {
  try {
    const pin = store.get(server, tool);
    if (!pin) return 'not-pinned';
    if (store.getQuarantine(server, tool)) return 'quarantined';
    if (pin.lastSeen === undefined) return 'not-seen';
    if (pin.lastSeen !== pin.fingerprint) return 'changed';
    return 'ok';
  } catch {
    return 'error';
  }
}

/**
 * True only when `tool` of `server` is pinned, not quarantined, and its fingerprint in the latest
 * evaluated listing equals the pin. Call `store.invalidate(server)` on `tools/list_changed` so no
 * call passes between the notification and the re-list. See {@link checkToolCall} for the reason.
 *
 * @example
 * if (!isCallAllowed('github', 'create_issue', store)) throw new WardenError(WardenErrorCode.Denied, 'tool not approved');
 */
export function isCallAllowed(server: string, tool: string, store: PinStore): boolean {
  return checkToolCall(server, tool, store) === 'ok';
}
