import type { SandboxEgressEvent } from '../sandbox/egress/egress-event.js';
import type { Decision } from '../policy/decision.js';

/** What events and audit records say about a finding: never the matched text. */
export interface OutputFindingSummary {
  kind: string;
  type: string;
  path?: string;
  start: number;
  end: number;
  score: number;
  encodings?: string[];
}

/** Everything the guard reports, by event type. */
export interface WardenEvents {
  decision: { agent: string; session?: string; tool: string; decision: Decision };
  violation: { agent: string; session?: string; tool: string; rule: string; message: string };
  'approval.requested': { id: string; agent: string; tool: string; expiresAt: string };
  'approval.resolved': { id: string; agent: string; tool: string; approved: boolean; reason?: string };
  'limit.exceeded': { agent: string; session?: string; limit: string; message: string };
  'budget.exhausted': { agent: string; session?: string; budget: string; message: string };
  kill: { scope: string; reason: string; revived: boolean };
  alert: { agent: string; kind: 'violations' | 'budget'; count: number; windowMs: number };
  error: { agent?: string; tool?: string; stage: string; message: string };
  /** Detectors found something in a tool result (values never included, only kinds, types and spans). */
  detection: { agent: string; session?: string; tool: string; findings: OutputFindingSummary[] };
  /** A sandboxed tool tried to reach a network destination through the egress proxy. */
  egress: SandboxEgressEvent & { agent: string; session?: string; tool: string };
  /** A session's context received prompt injection: later calls can be treated as untrusted. */
  taint: { agent: string; session?: string; tool: string; types: string[] };
}

export type WardenEventType = keyof WardenEvents;
type Listener<K extends WardenEventType> = (event: WardenEvents[K]) => void;

/**
 * A typed publish/subscribe hub. A listener that throws is reported as an `error` event (once)
 * and never breaks the pipeline that emitted.
 *
 * @example
 * const off = events.on('violation', (e) => console.warn(e.agent, e.rule));
 * off();
 */
export class EventHub {
  private readonly listeners = new Map<WardenEventType, Set<Listener<never>>>();

  on<K extends WardenEventType>(type: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  emit<K extends WardenEventType>(type: K, event: WardenEvents[K]): void {
    for (const listener of this.listeners.get(type) ?? []) {
      try {
        (listener as Listener<K>)(event);
      } catch (error) {
        if (type !== 'error') this.emit('error', { stage: `listener:${type}`, message: String(error) });
      }
    }
  }
}

/**
 * Raise one `alert` when an agent collects `threshold` violations (or budget exhaustions) within
 * `windowMs`; the count starts again after an alert.
 */
export class AlertRule {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly events: EventHub,
    private readonly threshold: number,
    private readonly windowMs: number,
  ) {}

  record(agent: string, kind: 'violations' | 'budget', nowMs: number): void {
    const key = `${kind}:${agent}`;
    const recent = (this.hits.get(key) ?? []).filter((t) => nowMs - t < this.windowMs);
    recent.push(nowMs);
    if (recent.length >= this.threshold) {
      this.hits.set(key, []);
      this.events.emit('alert', { agent, kind, count: recent.length, windowMs: this.windowMs });
    } else this.hits.set(key, recent);
  }
}
