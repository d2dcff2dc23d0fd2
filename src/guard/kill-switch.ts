import { WardenError, WardenErrorCode } from '../errors/warden-error.js';
import { type KillEntry, type KillScope, killScopeKey, type WardenStore } from '../store/warden-store.js';

interface InFlight {
  agent: string;
  session: string | undefined;
  controller: AbortController;
}

function covers(entry: KillEntry, agent: string, session: string | undefined): boolean {
  const s = entry.scope;
  return (
    s.kind === 'all' ||
    (s.kind === 'agent' && s.agent === agent) ||
    (s.kind === 'session' && s.session === session)
  );
}

/**
 * The kill switch: trips are persisted in the store (so they survive restarts and other processes
 * see them) and abort every in-flight call they cover through its AbortSignal. The store is polled
 * so that a trip made by another process takes effect here within `pollMs`.
 */
export class KillSwitch {
  private entries: KillEntry[];
  private readonly inFlight = new Set<InFlight>();
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: WardenStore,
    pollMs = 250,
    private readonly onTrip: (entry: KillEntry, revived: boolean) => void = () => {},
    /** A trip or revival made by another process, seen by polling (already audited there). */
    private readonly onRemote: (entry: KillEntry, revived: boolean) => void = () => {},
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.entries = [];
    this.refresh();
    if (pollMs > 0) {
      this.timer = setInterval(() => this.refresh(), pollMs);
      this.timer.unref();
    }
  }

  /**
   * Re-read the store; abort what newly tripped scopes cover. A store that cannot be read (locked
   * past its timeout, a corrupt row) counts as a trip of everything until it reads cleanly again.
   */
  refresh(): void {
    const before = new Map(this.entries.map((e) => [killScopeKey(e.scope), e]));
    let next: KillEntry[];
    try {
      next = this.store.kills();
    } catch (error) {
      this.onError(error);
      next = [
        { scope: { kind: 'all' }, reason: 'kill switch state unreadable', at: new Date().toISOString() },
      ];
    }
    this.entries = next;
    const now = new Set(next.map((e) => killScopeKey(e.scope)));
    for (const entry of next) {
      if (!before.has(killScopeKey(entry.scope))) {
        this.abortCovered(entry);
        this.onRemote(entry, false);
      }
    }
    for (const [key, entry] of before) if (!now.has(key)) this.onRemote(entry, true);
  }

  /** The trip covering this agent/session, if any. */
  check(agent: string, session: string | undefined): KillEntry | undefined {
    return this.entries.find((e) => covers(e, agent, session));
  }

  trip(scope: KillScope, reason: string, at: Date): KillEntry {
    const entry: KillEntry = { scope, reason, at: at.toISOString() };
    this.store.setKill(entry);
    this.entries = this.store.kills();
    this.abortCovered(entry);
    this.onTrip(entry, false);
    return entry;
  }

  revive(scope: KillScope): boolean {
    const removed = this.store.clearKill(scope);
    this.entries = this.store.kills();
    if (removed) this.onTrip({ scope, reason: 'revived', at: new Date().toISOString() }, true);
    return removed;
  }

  /** Register a running call; the returned function unregisters it. */
  track(agent: string, session: string | undefined, controller: AbortController): () => void {
    const item = { agent, session, controller };
    this.inFlight.add(item);
    // A trip that landed after the call's first check (during an approval wait, or while this
    // process was busy) must still stop it: check again now that the call is registered.
    const entry = this.check(agent, session);
    if (entry)
      controller.abort(
        new WardenError(WardenErrorCode.Killed, `killed (${killScopeKey(entry.scope)}): ${entry.reason}`),
      );
    return () => this.inFlight.delete(item);
  }

  private abortCovered(entry: KillEntry): void {
    for (const item of this.inFlight) {
      if (covers(entry, item.agent, item.session)) {
        item.controller.abort(
          new WardenError(WardenErrorCode.Killed, `killed (${killScopeKey(entry.scope)}): ${entry.reason}`),
        );
      }
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
