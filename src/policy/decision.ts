/** The three outcomes. Ordered by strength: deny overrides ask overrides allow. */
export type Effect = 'allow' | 'deny' | 'ask';

/** Why a rule contributed to the decision. `rule` is a stable id such as `paths.outside-scope`. */
export interface Reason {
  rule: string;
  effect: Effect;
  message: string;
  /** Argument the reason is about, when there is one (`path`, `url`, `command`). */
  arg?: string;
}

/**
 * Work the decision hands to later pipeline stages. `use-resolved-path` and `use-normalized-url` tell
 * the tool to act on the canonical form Warden checked, so a symlink swapped in after the check or a
 * client whose URL parser reads the raw string differently cannot redirect it.
 */
export type Obligation =
  | { kind: 'use-resolved-path'; arg: string; path: string }
  | { kind: 'use-normalized-url'; arg: string; url: string }
  | { kind: 'approval'; rule: string; timeoutMs?: number };

export interface Decision {
  effect: Effect;
  reasons: Reason[];
  obligations: Obligation[];
  /** Hash of the profile that decided; approvals bind to it. Empty when no profile matched. */
  policyVersion: string;
}

const RANK: Record<Effect, number> = { allow: 0, ask: 1, deny: 2 };

/** The stronger of two effects: deny > ask > allow. */
export function strongest(a: Effect, b: Effect): Effect {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Fold a list of reasons into one effect; no reasons at all is a deny (deny by default). */
export function combine(reasons: readonly Reason[]): Effect {
  if (reasons.length === 0) return 'deny';
  let effect: Effect = 'allow';
  for (const r of reasons) effect = strongest(effect, r.effect);
  return effect;
}

export function denyReason(rule: string, message: string, arg?: string): Reason {
  return arg === undefined ? { rule, effect: 'deny', message } : { rule, effect: 'deny', message, arg };
}
