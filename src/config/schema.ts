import { z } from 'zod';

// The config schema. Every object is strict: an unknown key (a typo such as `forbiddenTools`) is an
// error, never a silently ignored rule. Descriptions become editor hints through the JSON Schema export.

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A tool name or glob: `fs.read`, `github.*`, `*`. */
export const ToolPattern = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^\s\u0000-\u001f]+$/, 'tool patterns contain no whitespace or control characters')
  .describe('Tool name or glob (`*` matches within and across dots), e.g. `fs.read`, `github.*`.');

/** `30s`, `5m`, `1h`, `250ms`, or milliseconds as a number. */
export const Duration = z
  .union([
    z.number().int().positive(),
    z.string().regex(/^\d+(\.\d+)?\s*(ms|s|m|h|d)$/, 'a duration such as 250ms, 30s, 5m, 1h or 1d'),
  ])
  .describe('Duration: milliseconds, or a string such as `30s`, `5m`, `1h`.');

/** `512K`, `256M`, `1G`, or bytes as a number. */
export const Size = z
  .union([
    z.number().int().nonnegative(),
    z.string().regex(/^\d+(\.\d+)?\s*[KMG]i?B?$/i, 'a size such as 512K, 256M or 1G'),
  ])
  .describe('Size: bytes, or a string such as `512K`, `256M`, `1G`.');

/** A matcher for one argument: a literal means equality. */
export const ArgMatcher = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z
    .strictObject({
      equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
      in: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
      notIn: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
      matches: z.string().describe('Regular expression (JavaScript syntax, unanchored).').optional(),
      ignoreCase: z
        .boolean()
        .optional()
        .describe(
          '`matches` is case-insensitive unless this is false; strings are otherwise compared folded.',
        ),
      glob: z.string().describe('Glob over the whole string value; `*` matches anything.').optional(),
      exists: z.boolean().optional(),
      gt: z.number().optional(),
      gte: z.number().optional(),
      lt: z.number().optional(),
      lte: z.number().optional(),
      longerThan: z
        .number()
        .int()
        .nonnegative()
        .optional()
        .describe('Holds when the value is longer than this.'),
    })
    .describe('Conditions on one argument value; all given conditions must hold.'),
]);

/** `{ argName: matcher }`, all must hold. Dotted names reach nested arguments (`options.mode`). */
export const Condition = z
  .record(z.string().min(1), ArgMatcher)
  .describe('Conditions on arguments, keyed by argument name (dotted for nested); all must hold.');

export const ArgAnnotation = z
  .strictObject({
    type: z
      .enum(['path', 'url', 'command', 'none'])
      .describe('How Warden checks this argument: file scope, network scope, command rules, or not at all.'),
    access: z.enum(['read', 'write']).optional().describe('For paths: the scope the path must be inside.'),
  })
  .describe('What an argument of an external tool means, so the right rule checks it.');

export const ToolRule = z
  .strictObject({
    args: z.record(z.string().min(1), ArgAnnotation).optional().describe('Argument annotations.'),
    schema: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('JSON Schema (draft 2020-12 subset supported by Ajv) the arguments must satisfy.'),
    deny: z
      .array(z.strictObject({ when: Condition, reason: z.string().optional() }))
      .optional()
      .describe('Deny the call when a condition holds.'),
  })
  .describe('Argument rules for one tool or tool glob.');

export const ToolsSection = z
  .strictObject({
    allow: z.array(ToolPattern).optional().describe('Tools the agent may call. Nothing else is allowed.'),
    deny: z.array(ToolPattern).optional().describe('Tools the agent may never call; deny wins over allow.'),
    rules: z.record(ToolPattern, ToolRule).optional().describe('Per-tool argument rules.'),
  })
  .describe('Tool allow/deny lists and argument rules.');

export const FilesSection = z
  .strictObject({
    read: z
      .array(z.string().min(1))
      .optional()
      .describe('Directories the agent may read (relative to the config file).'),
    write: z.array(z.string().min(1)).optional().describe('Directories the agent may write.'),
    deny: z
      .array(z.string().min(1))
      .optional()
      .describe('Path globs refused even inside a scope, e.g. `**/.env`, `.git/**`.'),
  })
  .describe('File scopes.');

export const NetworkSection = z
  .strictObject({
    allow: z
      .array(z.string().min(1))
      .optional()
      .describe('Hosts the agent may reach: `api.example.com`, `*.github.com`, `https://host:8443`.'),
    deny: z.array(z.string().min(1)).optional().describe('Hosts never reached; deny wins.'),
    schemes: z
      .array(z.string().regex(/^[a-z][a-z0-9+.-]*$/))
      .optional()
      .describe('URL schemes; default http, https.'),
  })
  .describe('Network scope.');

export const CommandsSection = z
  .strictObject({
    allow: z
      .array(z.string().min(1))
      .optional()
      .describe('Allowed command prefixes, matched word by word: `git status`, `ls`.'),
    deny: z.array(z.string().min(1)).optional().describe('Command prefixes never allowed; deny wins.'),
  })
  .describe('Shell command rules for shell tools.');

export const ApprovalRule = z.union([
  ToolPattern,
  z.strictObject({
    tool: ToolPattern,
    when: Condition.optional(),
    timeout: Duration.optional().describe('How long to wait for a human before denying.'),
    reason: z.string().optional(),
  }),
]);

export const ApprovalSection = z
  .strictObject({
    require: z
      .array(ApprovalRule)
      .optional()
      .describe('Tools (optionally with conditions) that need a human.'),
    timeout: Duration.optional().describe('Default approval timeout; an unanswered request is denied.'),
  })
  .describe('Human approval rules.');

export const Rate = z
  .union([
    z
      .string()
      .regex(
        /^\d+\s*\/\s*(\d+\s*)?(s|sec|second|m|min|minute|h|hour|d|day)$/,
        'a rate such as 60/min or 10/s',
      ),
    z.strictObject({
      limit: z.number().int().positive(),
      per: Duration,
      burst: z.number().int().positive().optional(),
    }),
  ])
  .describe('Rate limit: `60/min`, or `{ limit, per, burst }`.');

export const LimitsSection = z
  .strictObject({
    maxToolCalls: z.number().int().positive().optional().describe('Tool calls per session.'),
    maxIterations: z.number().int().positive().optional().describe('Agent loop iterations per session.'),
    rate: Rate.optional(),
    budget: z
      .strictObject({
        tokens: z.number().int().positive().optional(),
        usd: z.number().positive().optional(),
        period: z.enum(['session', 'day']).optional(),
      })
      .optional()
      .describe('Token and cost budgets, reported by the caller.'),
    timeout: Duration.optional().describe('Wall time per tool call.'),
    sessionTime: Duration.optional().describe('Wall time per session.'),
  })
  .describe('Limits, enforced by the guard runtime.');

export const SandboxSection = z
  .strictObject({
    memory: Size.optional().describe('Address space per sandboxed process (default 1G).'),
    cpu: Duration.optional().describe('CPU time per run (default 30s).'),
    timeout: Duration.optional().describe(
      'Wall-clock time per run; the process tree is killed (default 30s).',
    ),
    maxProcesses: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Processes and threads at once (default 64).'),
    fileSize: Size.optional().describe('Largest file a sandboxed process may write (default 64M).'),
    openFiles: z.number().int().positive().optional().describe('Open files per process (default 256).'),
    tmpSize: Size.optional().describe('Size of the private /tmp (default 64M).'),
    env: z
      .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'))
      .optional()
      .describe("Variables passed from Warden's environment into sandboxed commands; nothing else is."),
  })
  .describe('Process sandbox settings for shell.run and code.execute (bubblewrap, seccomp, limits).');

/** One agent's least-privilege contract. */
export const AgentProfile = z
  .strictObject({
    name: z.string().regex(NAME, 'letters, digits, `.`, `_`, `-`; at most 64 characters'),
    description: z.string().optional(),
    workspace: z.string().min(1).optional().describe('Root for relative paths in tool arguments.'),
    tools: ToolsSection.optional(),
    files: FilesSection.optional(),
    network: NetworkSection.optional(),
    commands: CommandsSection.optional(),
    approval: ApprovalSection.optional(),
    limits: LimitsSection.optional(),
    sandbox: SandboxSection.optional(),
  })
  .describe('An agent profile.');

export const AgentFileRef = z
  .strictObject({ file: z.string().min(1).describe('Markdown file with the profile as YAML frontmatter.') })
  .describe('A profile kept in its own Markdown file.');

export const AuditSection = z
  .strictObject({
    store: z.string().min(1).describe('Where records go, e.g. `sqlite:./warden-audit.db`.'),
    signingKey: z.string().min(1).optional().describe('HMAC key for signed checkpoints; use `${ENV_VAR}`.'),
  })
  .describe('Tamper-evident audit log.');

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const ServerSection = z
  .strictObject({
    command: z
      .union([z.string().min(1), z.array(z.string()).min(1)])
      .optional()
      .describe(
        'stdio server: the program and its arguments, e.g. `[node, ./server.js, ./ws]`; started inside the sandbox.',
      ),
    args: z.array(z.string()).optional().describe('More arguments (when `command` is a single string).'),
    cwd: z
      .string()
      .min(1)
      .optional()
      .describe('Working directory of a stdio server (relative to the config file).'),
    env: z
      .union([
        z.array(z.string().regex(ENV_NAME, 'an environment variable name')),
        z.record(z.string().regex(ENV_NAME, 'an environment variable name'), z.string()),
      ])
      .optional()
      .describe(
        "Variables the server gets: a list of names passed through from the gateway's environment, or name: value pairs (use `${VAR}`). Nothing else is passed.",
      ),
    files: z
      .strictObject({
        read: z.array(z.string().min(1)).optional(),
        write: z.array(z.string().min(1)).optional(),
      })
      .optional()
      .describe(
        'Directories a stdio server may read and write (relative to the config file); nothing else is mounted.',
      ),
    network: z
      .strictObject({
        allow: z.array(z.string().min(1)).optional(),
        deny: z.array(z.string().min(1)).optional(),
      })
      .optional()
      .describe('Hosts a stdio server may reach through the egress proxy; none by default.'),
    sandbox: z
      .strictObject({
        memory: Size.optional(),
        cpu: Duration.optional(),
        maxProcesses: z.number().int().positive().optional(),
        fileSize: Size.optional(),
      })
      .optional()
      .describe('Limits of a stdio server process (the process sandbox).'),
    url: z.string().url().optional().describe('Streamable-HTTP server URL.'),
    headers: z
      .record(z.string().regex(/^[A-Za-z0-9-]+$/, 'an HTTP header name'), z.string())
      .optional()
      .describe('Headers sent to an HTTP server, e.g. `Authorization: "Bearer ${REMOTE_TOKEN}"`.'),
    start: z
      .enum(['lazy', 'boot'])
      .optional()
      .describe('Start with the gateway (`boot`) or on first use (`lazy`, default).'),
  })
  .superRefine((server, ctx) => {
    const kinds = [server.command !== undefined, server.url !== undefined].filter(Boolean).length;
    if (kinds !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'give exactly one of `command` (stdio) or `url` (streamable HTTP)',
      });
    }
    if (server.url !== undefined) {
      for (const key of ['args', 'cwd', 'env', 'files', 'network', 'sandbox'] as const) {
        if (server[key] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `\`${key}\` applies to stdio servers (with \`command\`) only`,
          });
      }
    }
    if (server.command !== undefined && server.headers !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['headers'],
        message: '`headers` applies to HTTP servers (with `url`) only',
      });
    }
  })
  .describe('An MCP server behind the gateway.');

export const GatewaySection = z
  .strictObject({
    listen: z.string().optional().describe('Address to listen on, e.g. `127.0.0.1:8787` (default).'),
    state: z
      .string()
      .min(1)
      .optional()
      .describe('SQLite file for API keys and tool pins (default `./warden-gateway.db` beside the config).'),
    path: z.string().regex(/^\//).optional().describe('HTTP path of the MCP endpoint (default `/mcp`).'),
    auth: z
      .strictObject({
        apiKeys: z.boolean().optional().describe('Accept keys made with `warden keys create`.'),
        jwt: z
          .strictObject({
            secret: z.string().min(1).optional().describe('Shared HMAC secret; use `${ENV_VAR}`.'),
            jwksUrl: z.string().url().optional().describe('JWKS URL for asymmetric tokens.'),
            issuer: z.string().min(1),
            audience: z.string().min(1),
            agentClaim: z
              .string()
              .min(1)
              .optional()
              .describe('Claim naming the agent profile (default `warden_agent`).'),
          })
          .optional(),
      })
      .optional()
      .describe('Client authentication; required to listen on a non-loopback address.'),
    allowedOrigins: z.array(z.string().min(1)).optional().describe('Browser origins allowed to connect.'),
    namespace: z
      .boolean()
      .optional()
      .describe('Publish tools as server__tool (default true); false only with a single server.'),
    toolSeparator: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,4}$/)
      .optional()
      .describe('Between server and tool name in namespaced tools (default `__`).'),
    trustOnFirstUse: z
      .boolean()
      .optional()
      .describe('Pin tool definitions the first time they are seen (default false: `warden pins approve`).'),
  })
  .describe('MCP security gateway.');

/** The whole `warden.yaml`. */
export const WardenConfigSchema = z
  .strictObject({
    version: z.literal(1).describe('Config format version.'),
    agents: z.array(z.union([AgentFileRef, AgentProfile])).min(1, 'define at least one agent'),
    audit: AuditSection.optional(),
    alerts: z
      .strictObject({
        threshold: z
          .number()
          .int()
          .positive()
          .optional()
          .describe('Violations (or budget exhaustions) that raise an alert.'),
        window: Duration.optional().describe('…by one agent within this window.'),
      })
      .optional()
      .describe('Alert rule: N violations by the same agent within a window raise one `alert` event.'),
    approvals: z.strictObject({ timeout: Duration.optional() }).optional().describe('Approval defaults.'),
    servers: z.record(z.string().regex(NAME), ServerSection).optional().describe('MCP servers.'),
    gateway: GatewaySection.optional(),
  })
  .describe('Warden configuration.');

export type AgentProfileConfig = z.infer<typeof AgentProfile>;
export type WardenConfigInput = z.infer<typeof WardenConfigSchema>;
export type ServerConfig = z.infer<typeof ServerSection>;
export type GatewayConfig = z.infer<typeof GatewaySection>;
export type ArgMatcherConfig = z.infer<typeof ArgMatcher>;
export type ConditionConfig = z.infer<typeof Condition>;
export type ToolRuleConfig = z.infer<typeof ToolRule>;
export type ApprovalRuleConfig = z.infer<typeof ApprovalRule>;
export type LimitsConfig = z.infer<typeof LimitsSection>;

/** The JSON Schema of `warden.yaml`, for editors (`# yaml-language-server: $schema=...`). */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(WardenConfigSchema, { target: 'draft-2020-12', unrepresentable: 'any' });
  return { ...schema, $id: 'https://warden.dev/schema/warden.schema.json', title: 'Warden configuration' };
}
