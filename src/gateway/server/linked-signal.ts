// One AbortSignal that aborts when any of several does, and lets go of them afterwards. Node 20's
// AbortSignal.any keeps a combined signal that has listeners alive until it aborts, and the MCP
// SDK never removes its own listener: a gateway built on it leaked ~3 KB per call.

/**
 * Link `signals` into a fresh one; call `dispose` when the work is done (in a `finally`).
 *
 * @example
 * const linked = linkSignals([clientSignal, guardSignal]);
 * try { await work(linked.signal); } finally { linked.dispose(); }
 */
export function linkSignals(signals: readonly (AbortSignal | undefined)[]): {
  signal: AbortSignal;
  dispose: () => void;
} {
  const controller = new AbortController();
  const sources = signals.filter((s): s is AbortSignal => s !== undefined);
  const forwards: (() => void)[] = [];
  for (const source of sources) {
    if (source.aborted) {
      controller.abort(source.reason);
      break;
    }
    const forward = () => controller.abort(source.reason);
    source.addEventListener('abort', forward, { once: true });
    forwards.push(() => source.removeEventListener('abort', forward));
  }
  return {
    signal: controller.signal,
    dispose: () => {
      for (const remove of forwards.splice(0)) remove();
    },
  };
}
