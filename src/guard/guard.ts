import type { AuditEntry } from '../audit/audit-record.js';
import { redactArgs, redactText } from '../audit/redact-args.js';
import { WardenError, WardenErrorCode } from '../errors/warden-error.js';
import { digest } from '../policy/canonical-json.js';
import type { Decision } from '../policy/decision.js';
import type { SandboxEgressEvent } from '../sandbox/egress/egress-event.js';
import type { OutputFindingSummary } from './events.js';
import type { OutputFinding, WardenCore } from './warden-core.js';

/** The audit and event form of a finding: kind, type, where and how sure, never the matched text. */
function summarizeFinding(f: OutputFinding): OutputFindingSummary {
  return {
    kind: f.kind,
    type: f.type,
    ...(f.path !== undefined ? { path: f.path } : {}),
    start: f.start,
    end: f.end,
    score: f.score,
    ...(f.encodings ? { encodings: f.encodings } : {}),
  };
}

/** Who is calling: the agent profile, and optionally the principal and session. */
export interface GuardContext {
  agent: string;
  principal?: string;
  session?: string;
}

/** What a wrapped tool receives besides its arguments. */
export interface ToolCallContext {
  /** Aborted by the kill switch or the timeout: stop work and reject. */
  signal: AbortSignal;
  decision: Decision;
  /** Report what the tool did on the caller's behalf (sandbox egress attempts): audited and emitted. */
  report: (event: ToolReport) => void;
}

/** Something a tool reports during its call; the guard audits it under the call's agent and session. */
export type ToolReport = { kind: 'egress' } & SandboxEgressEvent;

export type ToolFunction<A, R> = (args: A, context: ToolCallContext) => R | Promise<R>;

const DEFAULT_APPROVAL_TIMEOUT_MS = 5 * 60_000;

function failure(code: WardenErrorCode, message: string, reasons: Decision['reasons'] = []): WardenError {
  return new WardenError(code, message, { reasons });
}

/**
 * Apply the decision's obligations to the arguments the tool gets: it acts on the canonical path
 * or URL Warden checked, so a symlink swapped in afterwards or a looser URL parser cannot redirect it.
 */
function applyObligations(args: Record<string, unknown>, decision: Decision): Record<string, unknown> {
  let out = args;
  for (const o of decision.obligations) {
    if (o.kind !== 'use-resolved-path' && o.kind !== 'use-normalized-url') continue;
    if (!o.arg.includes('.') && Object.hasOwn(args, o.arg)) {
      if (out === args) out = { ...args };
      out[o.arg] = o.kind === 'use-resolved-path' ? o.path : o.url;
    }
  }
  return out;
}

/**
 * The pipeline for one agent (and session): kill switch → policy → limits → approval → execute
 * (AbortSignal, timeout) → output stages → audit. Any failure inside Warden is a refusal, audited
 * when the audit log is reachable; a tool's own error reaches the caller unchanged.
 *
 * @example
 * const guard = warden.guard({ agent: 'researcher', session: 's1' });
 * const readFile = guard.wrap('fs.read', async ({ path }, { signal }) => fs.readFile(path, { signal, encoding: 'utf8' }));
 * await readFile({ path: 'notes.txt' });
 */
export class Guard {
  constructor(
    private readonly core: WardenCore,
    readonly context: GuardContext,
  ) {}

  /** True once a tool result in this guard's session carried prompt injection. */
  get tainted(): boolean {
    return this.context.session !== undefined && this.core.isTainted(this.context.session);
  }

  /** A function with the tool's signature that runs every call through the pipeline. */
  wrap<A extends Record<string, unknown>, R>(tool: string, fn: ToolFunction<A, R>): (args: A) => Promise<R> {
    return (args: A) => this.call<R>({ tool, args }, fn as ToolFunction<Record<string, unknown>, R>);
  }

  /** Run one call through the pipeline (for callers that are not functions: the gateway). */
  async call<R>(
    request: { tool: string; args?: Record<string, unknown> },
    exec: ToolFunction<Record<string, unknown>, R>,
  ): Promise<R> {
    const core = this.core;
    if (core.closed()) throw failure(WardenErrorCode.Internal, 'warden is closed');
    const { agent, session, principal } = this.context;
    const tool = request.tool;
    // Decide, approve and execute one private copy: a caller (or a prompt-injected agent loop) that
    // mutates the arguments after the call started cannot swap what the tool receives.
    let args: Record<string, unknown>;
    try {
      args = request.args === undefined ? {} : structuredClone(request.args);
    } catch {
      throw failure(
        WardenErrorCode.Denied,
        'denied: arguments cannot be copied (functions, symbols or host objects)',
      );
    }
    let argsDigest = '';
    const base = (): AuditEntry => ({
      kind: 'decision',
      agent,
      ...(principal ? { principal } : {}),
      ...(session ? { session } : {}),
      tool,
      argsDigest,
    });
    try {
      argsDigest = digest(args);
    } catch {
      argsDigest = 'undigestable';
    }

    // Everything up to execution: a failure here is a refusal, never a silent allow.
    let decision: Decision;
    let execArgs: Record<string, unknown>;
    try {
      const killed = core.killSwitch.check(agent, session);
      if (killed) {
        core.audit({
          ...base(),
          kind: 'decision',
          effect: 'deny',
          reasons: [{ rule: 'kill', effect: 'deny', message: killed.reason }],
        });
        throw failure(WardenErrorCode.Killed, `killed: ${killed.reason}`);
      }

      decision = core.policy.decide({
        agent,
        tool,
        args,
        ...(principal ? { principal } : {}),
        ...(session ? { session } : {}),
      });
      await core.auditDurable({
        ...base(),
        args: redactArgs(args),
        effect: decision.effect,
        reasons: decision.reasons,
      });
      core.events.emit('decision', { agent, ...(session ? { session } : {}), tool, decision });
      if (decision.effect === 'deny') {
        const first = decision.reasons.find((r) => r.effect === 'deny') ?? decision.reasons[0];
        core.violation(agent, session, tool, first?.rule ?? 'deny', first?.message ?? 'denied');
        throw failure(
          WardenErrorCode.Denied,
          `denied: ${first?.message ?? 'no rule allows this call'}`,
          decision.reasons,
        );
      }

      core.limits.beforeCall(agent, session, tool);

      if (decision.effect === 'ask') {
        await this.approve(tool, decision, args, argsDigest);
        // The approval wait can be long: a trip during it wins over the approval.
        const killedMeanwhile = core.killSwitch.check(agent, session);
        if (killedMeanwhile) throw failure(WardenErrorCode.Killed, `killed: ${killedMeanwhile.reason}`);
      }
      execArgs = applyObligations(args, decision);
    } catch (error) {
      throw this.refusal(error, tool);
    }

    return this.execute(tool, execArgs, decision, exec, base);
  }

  /** Report one agent-loop iteration; throws LIMIT_EXCEEDED past `limits.maxIterations`. */
  step(): void {
    this.core.limits.step(this.context.agent, this.context.session);
  }

  /** Report token and cost usage (the caller knows what the model consumed). */
  reportUsage(usage: { tokens?: number; usd?: number }): void {
    this.core.limits.reportUsage(this.context.agent, this.context.session, usage);
  }

  private async approve(
    tool: string,
    decision: Decision,
    args: Record<string, unknown>,
    argsDigest: string,
  ): Promise<void> {
    const core = this.core;
    const { agent, session, principal } = this.context;
    const obligation = decision.obligations.find((o) => o.kind === 'approval');
    const timeoutMs =
      (obligation?.kind === 'approval' ? obligation.timeoutMs : undefined) ??
      core.approvalTimeoutMs ??
      DEFAULT_APPROVAL_TIMEOUT_MS;
    const request = core.broker.request({
      agent,
      ...(session ? { session } : {}),
      ...(principal ? { principal } : {}),
      tool,
      argsDigest,
      policyVersion: decision.policyVersion,
      rule: obligation?.kind === 'approval' ? obligation.rule : 'approval',
      args: redactArgs(args),
      timeoutMs,
    });
    core.audit({
      kind: 'approval.requested',
      agent,
      tool: request.tool,
      argsDigest,
      data: { id: request.id, expiresAt: request.expiresAt, rule: request.rule },
    });
    core.events.emit('approval.requested', {
      id: request.id,
      agent,
      tool: request.tool,
      expiresAt: request.expiresAt,
    });

    const answer = await core.awaitApproval(request, timeoutMs);
    if (answer)
      core.broker.resolve(request.id, {
        ...answer,
        ...(answer.reason ? { reason: redactText(String(answer.reason)) } : {}),
      });
    // A configured channel's "no" is final, even if another channel approved meanwhile.
    if (answer && answer.approved !== true) {
      const reason = redactText(String(answer.reason ?? 'denied'));
      core.audit({
        kind: 'approval.resolved',
        agent,
        tool,
        argsDigest,
        effect: 'deny',
        data: { id: request.id, reason },
      });
      core.events.emit('approval.resolved', { id: request.id, agent, tool, approved: false, reason });
      throw failure(WardenErrorCode.ApprovalDenied, `approval refused: ${reason}`);
    }
    const redeemed = core.broker.redeem(request.id, {
      agent,
      tool: request.tool,
      argsDigest,
      policyVersion: decision.policyVersion,
    });
    const stored = core.broker.get(request.id);
    const rawReason = redeemed.ok ? stored?.reason : redeemed.reason;
    const reason = rawReason === undefined ? undefined : redactText(rawReason);
    core.audit({
      kind: 'approval.resolved',
      agent,
      tool: request.tool,
      argsDigest,
      effect: redeemed.ok ? 'allow' : 'deny',
      data: { id: request.id, ...(reason ? { reason } : {}) },
    });
    core.events.emit('approval.resolved', {
      id: request.id,
      agent,
      tool: request.tool,
      approved: redeemed.ok,
      ...(reason ? { reason } : {}),
    });
    if (!redeemed.ok) throw failure(WardenErrorCode.ApprovalDenied, `approval refused: ${redeemed.reason}`);
  }

  private async execute<R>(
    tool: string,
    args: Record<string, unknown>,
    decision: Decision,
    exec: ToolFunction<Record<string, unknown>, R>,
    base: () => AuditEntry,
  ): Promise<R> {
    const core = this.core;
    const { agent, session } = this.context;
    const controller = new AbortController();
    const untrack = core.killSwitch.track(agent, session, controller);
    const timeoutMs = core.policy.profile(agent)?.limits.timeoutMs ?? core.defaultTimeoutMs;
    const timer = setTimeout(
      () => controller.abort(failure(WardenErrorCode.Timeout, `${tool} ran longer than ${timeoutMs} ms`)),
      timeoutMs,
    );
    const report = (event: ToolReport) => {
      const { kind, ...rest } = event;
      if (kind !== 'egress') return;
      core.events.emit('egress', { agent, ...(session ? { session } : {}), tool, ...rest });
      core.audit({ ...base(), kind: 'egress', data: { ...rest } });
    };
    const started = performance.now();
    let outcome = 'ok';
    const findings: OutputFinding[] = [];
    try {
      const aborted = new Promise<never>((_, reject) => {
        if (controller.signal.aborted) reject(controller.signal.reason);
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
      });
      aborted.catch(() => {}); // observed below; never an unhandled rejection
      // Tripped between the checks and now (track() re-checks): the tool is never called.
      if (controller.signal.aborted) throw controller.signal.reason;
      // A tool that ignores the signal is abandoned: its late result is never returned. Output
      // stages run under the same timeout and kill switch.
      const result = await Promise.race([
        Promise.resolve().then(() => exec(args, { signal: controller.signal, decision, report })),
        aborted,
      ]);
      const call = { agent, ...(session ? { session } : {}), tool, args, findings };
      return (await Promise.race([core.output(result, call), aborted])) as R;
    } catch (error) {
      outcome = WardenError.isInstance(error)
        ? error.code === WardenErrorCode.Timeout
          ? 'timeout'
          : error.code === WardenErrorCode.Killed
            ? 'killed'
            : error.code === WardenErrorCode.OutputBlocked
              ? 'blocked'
              : 'error'
        : 'error';
      throw error;
    } finally {
      clearTimeout(timer);
      untrack();
      // An execution that cannot be audited must not hand back its result.
      const summaries = findings.map(summarizeFinding);
      if (summaries.length > 0) {
        core.events.emit('detection', { agent, ...(session ? { session } : {}), tool, findings: summaries });
        if (findings.some((f) => f.kind === 'injection')) core.taint(agent, session, tool, findings);
      }
      await core.auditDurable({
        ...base(),
        kind: 'execution',
        data: {
          outcome,
          ms: Math.round(performance.now() - started),
          ...(summaries.length > 0 ? { findings: summaries } : {}),
        },
      });
    }
  }

  /** Turn anything thrown before execution into a typed refusal. */
  private refusal(error: unknown, tool: string): WardenError {
    if (WardenError.isInstance(error)) return error;
    const message = redactText(error instanceof Error ? error.message : String(error));
    this.core.events.emit('error', { agent: this.context.agent, tool, stage: 'pipeline', message });
    try {
      this.core.audit({
        kind: 'decision',
        agent: this.context.agent,
        tool,
        effect: 'deny',
        reasons: [{ rule: 'guard.error', effect: 'deny', message }],
      });
    } catch {
      // The audit log itself failed: the refusal still stands.
    }
    return failure(WardenErrorCode.Internal, `refused: internal error (${message})`);
  }
}
