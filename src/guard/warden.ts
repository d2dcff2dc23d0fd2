import { createHash, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { AuditLog } from '../audit/audit-log.js';
import type { AuditEntry } from '../audit/audit-record.js';
import { loadOrCreateKeyFile, type SigningKey, signingKeyFromPem } from '../audit/signing-key.js';
import type { ConfigInput } from '../config/load-config.js';
import { loadConfig } from '../config/load-config.js';
import { parseDuration } from '../config/units.js';
import { WardenError, WardenErrorCode } from '../errors/warden-error.js';
import { createPolicy, type Policy } from '../policy/policy.js';
import { MemoryStore } from '../store/memory-store.js';
import { openStore } from '../store/open-store.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { type KillScope, killScopeKey, type WardenStore } from '../store/warden-store.js';
import { ApprovalBroker, type ApprovalCallback, type ApprovalRequest } from './approval-broker.js';
import { AlertRule, EventHub, type WardenEvents, type WardenEventType } from './events.js';
import { Guard, type GuardContext } from './guard.js';
import { KillSwitch } from './kill-switch.js';
import { Limits } from './limits.js';
import { type DetectorStageOptions, detectorStage } from './detector-stage.js';
import type { OutputStage, WardenCore } from './warden-core.js';

export type WardenOptions = ConfigInput & {
  /** Where state lives; default: what `audit.store` in the config names, else memory. */
  store?: WardenStore;
  /** Programmatic approval channel. Without one, requests wait in the store for `warden approvals`. */
  approve?: ApprovalCallback;
  /** Output stages run on every result, in order, before the detectors. */
  outputStages?: OutputStage[];
  /**
   * The detectors on every tool result (last output stage): secrets and PII redacted, injection
   * recorded on the session and in the audit. On by default; `false` turns them off.
   */
  detectors?: DetectorStageOptions | false;
  /** Audit checkpoint key; default: `audit.signingKey` from the config, else a fresh one per process. */
  signingKey?: SigningKey;
  /** HMAC secret for approval grants; default: derived from the signing key. */
  approvalSecret?: Buffer;
  /** Tool time limit when the profile sets none (default 60 s). */
  defaultTimeoutMs?: number;
  /** Alert after this many violations by one agent within `alertWindowMs` (default 5 in 60 s). */
  alertThreshold?: number;
  alertWindowMs?: number;
  /** How often to look for kill-switch trips made by other processes (default 250 ms). */
  killPollMs?: number;
  now?: () => Date;
};

/** A running Warden: guards for agents, the kill switch, approvals, events. */
export interface Warden {
  readonly policy: Policy;
  /** Verifies the audit log's checkpoints (`verifyAudit`, `warden audit verify`). */
  readonly auditPublicKey: KeyObject;
  guard(context: GuardContext): Guard;
  kill(scope: KillScope, reason: string): void;
  revive(scope: KillScope): boolean;
  /** Approve or deny a pending request by id (the CLI and console use the same path). */
  resolveApproval(id: string, approved: boolean, reason?: string): boolean;
  on<K extends WardenEventType>(type: K, listener: (event: WardenEvents[K]) => void): () => void;
  close(): Promise<void>;
}

function keyFromConfig(pem: string | undefined): SigningKey {
  if (pem) return signingKeyFromPem(pem, 'audit.signingKey');
  const { privateKey } = generateKeyPairSync('ed25519');
  return signingKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'generated');
}

/**
 * Load a config and start the runtime.
 *
 * @example
 * const warden = await createWarden({ configFile: 'warden.yaml' });
 * const guard = warden.guard({ agent: 'researcher', session: 's1' });
 * const readFile = guard.wrap('fs.read', async ({ path }, { signal }) => readFileSync(String(path), 'utf8'));
 * await readFile({ path: 'notes.txt' });
 * await warden.close();
 */
export async function createWarden(options: WardenOptions): Promise<Warden> {
  const loaded = loadConfig(options);
  const policy = await createPolicy(loaded);
  const now = options.now ?? (() => new Date());
  const opened: { store: WardenStore; path?: string } = options.store
    ? { store: options.store, ...(options.store instanceof SqliteStore ? { path: options.store.path } : {}) }
    : loaded.config.audit
      ? openStore(loaded.config.audit.store, loaded.dir)
      : { store: new MemoryStore() };
  const store = opened.store;
  // The checkpoint key: given, from config (PEM, usually `${WARDEN_AUDIT_KEY}`), or a 0600 key file
  // next to the database, created on first run.
  const key =
    options.signingKey ??
    (loaded.config.audit?.signingKey || !('path' in opened) || !opened.path || opened.path === ':memory:'
      ? keyFromConfig(loaded.config.audit?.signingKey)
      : loadOrCreateKeyFile(`${opened.path}.key`));
  const secret =
    options.approvalSecret ??
    createHash('sha256')
      .update('warden approvals\n')
      .update(key.privateKey.export({ type: 'pkcs8', format: 'der' }))
      .digest();
  if (secret.length < 16)
    throw new WardenError(WardenErrorCode.InvalidArgument, 'approvalSecret must be at least 16 bytes');

  let closed = false;
  const events = new EventHub();
  const auditLog = new AuditLog({
    store: store.audit,
    key,
    now,
    onError: (error) => events.emit('error', { stage: 'audit.checkpoint', message: String(error) }),
  });
  const alertWindow = loaded.config.alerts?.window;
  const alerts = new AlertRule(
    events,
    options.alertThreshold ?? loaded.config.alerts?.threshold ?? 5,
    options.alertWindowMs ?? (alertWindow === undefined ? 60_000 : parseDuration(alertWindow)),
  );
  const approvalTimeout = loaded.config.approvals?.timeout;
  const audit = (entry: AuditEntry): void => {
    auditLog.append(entry);
  };
  const limits = new Limits({
    store,
    now,
    limitsOf: (agent) => policy.profile(agent)?.limits,
    exceeded: (agent, session, kind, limit, message) => {
      const at = session ? { session } : {};
      audit({ kind: 'limit', agent, ...at, effect: 'deny', data: { limit, message } });
      if (kind === 'budget') {
        events.emit('budget.exhausted', { agent, ...at, budget: limit, message });
        alerts.record(agent, 'budget', now().getTime());
      } else events.emit('limit.exceeded', { agent, ...at, limit, message });
    },
  });
  const killSwitch = new KillSwitch(
    store,
    options.killPollMs ?? 250,
    (entry, revived) => {
      const scope = killScopeKey(entry.scope);
      audit({ kind: revived ? 'revive' : 'kill', data: { scope, reason: entry.reason } });
      events.emit('kill', { scope, reason: entry.reason, revived });
    },
    (entry, revived) =>
      events.emit('kill', { scope: killScopeKey(entry.scope), reason: entry.reason, revived }),
    (error) => events.emit('error', { stage: 'kill-switch', message: String(error) }),
  );
  const outputStages = [
    ...(options.outputStages ?? []),
    ...(options.detectors === false ? [] : [detectorStage(policy, options.detectors ?? {})]),
  ];
  const tainted = new Set<string>();
  const core: WardenCore = {
    policy,
    store,
    auditLog,
    events,
    alerts,
    killSwitch,
    broker: new ApprovalBroker(store, secret, now),
    limits,
    outputStages,
    approve: options.approve,
    defaultTimeoutMs: options.defaultTimeoutMs ?? 60_000,
    approvalTimeoutMs: approvalTimeout === undefined ? undefined : parseDuration(approvalTimeout),
    now,
    audit,
    closed: () => closed,
    auditDurable: async (entry) => {
      await auditLog.appendDurable(entry);
    },
    violation: (agent, session, tool, rule, message) => {
      events.emit('violation', { agent, ...(session ? { session } : {}), tool, rule, message });
      alerts.record(agent, 'violations', now().getTime());
    },
    awaitApproval: (request, timeoutMs) => awaitApproval(core, request, timeoutMs),
    taint: (agent, session, tool, findings) => {
      if (session) tainted.add(session);
      const types = [...new Set(findings.filter((f) => f.kind === 'injection').map((f) => f.type))];
      events.emit('taint', { agent, ...(session ? { session } : {}), tool, types });
    },
    isTainted: (session) => tainted.has(session),
    output: async (result, call) => {
      let value = result;
      for (const stage of outputStages) {
        try {
          value = await stage(value, call);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          throw new WardenError(WardenErrorCode.OutputBlocked, `output blocked: ${message}`);
        }
      }
      return value;
    },
  };
  audit({
    kind: 'config.load',
    data: {
      file: loaded.file,
      versions: Object.fromEntries(policy.agents.map((a) => [a, policy.profile(a)!.version])),
    },
  });

  const assertOpen = () => {
    if (closed) throw new WardenError(WardenErrorCode.Internal, 'warden is closed');
  };
  return {
    policy,
    auditPublicKey: key.publicKey,
    guard: (context) => {
      assertOpen();
      if (!policy.profile(context.agent)) {
        throw new WardenError(
          WardenErrorCode.UnknownAgent,
          `no agent profile named "${context.agent}" (agents: ${policy.agents.join(', ')})`,
        );
      }
      // Without a session id, each guard is its own session: session-scoped limits must not be
      // shared by unrelated callers that all left the id out.
      return new Guard(
        core,
        context.session ? context : { ...context, session: `anonymous-${randomUUID()}` },
      );
    },
    kill: (scope, reason) => {
      core.killSwitch.trip(scope, reason, now());
    },
    revive: (scope) => core.killSwitch.revive(scope),
    resolveApproval: (id, approved, reason) =>
      core.broker.resolve(id, { approved, ...(reason ? { reason } : {}) }),
    on: (type, listener) => events.on(type, listener),
    close: async () => {
      if (closed) return;
      closed = true;
      core.killSwitch.close();
      auditLog.close();
      store.close();
    },
  };
}

/**
 * Wait for an answer: from the callback when there is one, else from the store (another process,
 * the CLI). No answer before the timeout is a denial; so is a kill-switch trip meanwhile.
 */
async function awaitApproval(
  core: WardenCore,
  request: ApprovalRequest,
  timeoutMs: number,
): Promise<{ approved: boolean; reason?: string } | undefined> {
  const deadline = core.now().getTime() + timeoutMs;
  if (core.approve) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<{ approved: boolean; reason: string }>((resolve) => {
      timer = setTimeout(
        () => resolve({ approved: false, reason: `no answer within ${timeoutMs} ms` }),
        timeoutMs,
      );
    });
    try {
      const answer = await Promise.race([Promise.resolve(core.approve(request)), timeout]);
      return answer && typeof answer.approved === 'boolean'
        ? answer
        : { approved: false, reason: 'malformed answer' };
    } catch (error) {
      return {
        approved: false,
        reason: `approval channel failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    } finally {
      clearTimeout(timer);
    }
  }
  for (;;) {
    if (core.closed()) return { approved: false, reason: 'warden closed while waiting' };
    const stored = core.broker.get(request.id);
    if (!stored || stored.status !== 'pending') return undefined;
    if (core.killSwitch.check(request.agent, request.session))
      return { approved: false, reason: 'killed while waiting' };
    if (core.now().getTime() >= deadline) {
      core.store.resolveApproval(request.id, 'expired', `no answer within ${timeoutMs} ms`);
      return undefined;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
