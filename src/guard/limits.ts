import { WardenError, WardenErrorCode } from '../errors/warden-error.js';
import type { CompiledLimits } from '../policy/compile-profile.js';
import type { WardenStore } from '../store/warden-store.js';

/** Hooks the limits need from the runtime: report, audit, look up an agent's limits. */
export interface LimitsHost {
  store: WardenStore;
  limitsOf(agent: string): CompiledLimits | undefined;
  exceeded(
    agent: string,
    session: string | undefined,
    kind: 'limit' | 'budget',
    limit: string,
    message: string,
  ): void;
  now(): Date;
}

const NO_SESSION = '-';

/**
 * Call caps, iteration caps, rate limits and budgets, counted in the store so that parallel calls
 * (and other processes on the same store) never overshoot: a counter is only incremented when the
 * increment stays within its cap.
 */
export class Limits {
  constructor(private readonly host: LimitsHost) {}

  private refuse(
    agent: string,
    session: string | undefined,
    kind: 'limit' | 'budget',
    limit: string,
    message: string,
  ): never {
    this.host.exceeded(agent, session, kind, limit, message);
    throw new WardenError(WardenErrorCode.LimitExceeded, message);
  }

  private budgetKey(
    agent: string,
    session: string | undefined,
    period: 'session' | 'day',
    unit: string,
  ): string {
    return period === 'day'
      ? `budget:${unit}:${agent}:${this.host.now().toISOString().slice(0, 10)}`
      : `budget:${unit}:${agent}:${session ?? NO_SESSION}`;
  }

  /** Before a call: budget left, rate bucket, call cap (in that order, so a refused call costs nothing). */
  beforeCall(agent: string, session: string | undefined, _tool: string): void {
    const limits = this.host.limitsOf(agent);
    if (!limits) return;
    const s = session ?? NO_SESSION;
    const { store } = this.host;
    if (limits.sessionTimeMs !== undefined) {
      const nowMs = this.host.now().getTime();
      // Set-if-absent, atomically: consuming `now` against a cap of `now` only succeeds from 0.
      const key = `session-start:${agent}:${s}`;
      store.consume(key, nowMs, nowMs);
      const startedAt = store.counter(key);
      if (nowMs - startedAt > limits.sessionTimeMs) {
        this.refuse(
          agent,
          session,
          'limit',
          'sessionTime',
          `session is older than sessionTime (${limits.sessionTimeMs} ms)`,
        );
      }
    }
    if (limits.budget) {
      const { tokens, usd, period } = limits.budget;
      if (tokens !== undefined && store.counter(this.budgetKey(agent, session, period, 'tokens')) >= tokens) {
        this.refuse(
          agent,
          session,
          'budget',
          'budget.tokens',
          `token budget of ${tokens} per ${period} is used up`,
        );
      }
      if (usd !== undefined && store.counter(this.budgetKey(agent, session, period, 'usd')) >= usd) {
        this.refuse(
          agent,
          session,
          'budget',
          'budget.usd',
          `cost budget of $${usd} per ${period} is used up`,
        );
      }
    }
    if (limits.rate) {
      const { limit, perMs, burst } = limits.rate;
      const taken = store.takeToken(`rate:${agent}:${s}`, burst, perMs / limit, this.host.now().getTime());
      if (!taken.ok) {
        this.refuse(
          agent,
          session,
          'limit',
          'rate',
          `rate limit of ${limit} per ${perMs} ms reached; retry in ${taken.retryAfterMs} ms`,
        );
      }
    }
    if (limits.maxToolCalls !== undefined) {
      const r = store.consume(`calls:${agent}:${s}`, 1, limits.maxToolCalls);
      if (!r.ok)
        this.refuse(
          agent,
          session,
          'limit',
          'maxToolCalls',
          `session reached maxToolCalls (${limits.maxToolCalls})`,
        );
    }
  }

  step(agent: string, session: string | undefined): void {
    const max = this.host.limitsOf(agent)?.maxIterations;
    if (max === undefined) return;
    const r = this.host.store.consume(`iterations:${agent}:${session ?? NO_SESSION}`, 1, max);
    if (!r.ok)
      this.refuse(agent, session, 'limit', 'maxIterations', `session reached maxIterations (${max})`);
  }

  reportUsage(agent: string, session: string | undefined, usage: { tokens?: number; usd?: number }): void {
    for (const [unit, amount] of Object.entries(usage) as ['tokens' | 'usd', number | undefined][]) {
      if (amount === undefined) continue;
      if (!Number.isFinite(amount) || amount < 0) {
        throw new WardenError(
          WardenErrorCode.InvalidArgument,
          `reportUsage: ${unit} must be a non-negative number`,
        );
      }
      const period = this.host.limitsOf(agent)?.budget?.period ?? 'session';
      this.host.store.add(this.budgetKey(agent, session, period, unit), amount);
    }
  }
}
