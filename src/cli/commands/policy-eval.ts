import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Decision } from '../../policy/decision.js';
import { createPolicy, type Policy } from '../../policy/policy.js';
import { initShellParser } from '../../policy/rules/commands/index.js';
import { POLICY_EVAL_HELP } from '../help.js';
import { type CliIo, EXIT, usageError } from '../usage-error.js';

function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw usageError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw usageError(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

function render(decision: Decision, tool: string, json: boolean): string {
  if (json) return JSON.stringify({ effect: decision.effect, reasons: decision.reasons });
  const lines = [`${decision.effect.toUpperCase()} ${tool}`];
  for (const r of decision.reasons) lines.push(`  ${r.effect.padEnd(5)} ${r.rule}: ${r.message}`);
  return lines.join('\n');
}

function readLines(file: string, io: CliIo): { tool: string; args: Record<string, unknown> }[] {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw usageError(`--jsonl ${file}: cannot read (${(error as { code?: string }).code ?? 'error'})`);
  }
  const calls: { tool: string; args: Record<string, unknown> }[] = [];
  const lines = text.split('\n');
  // Validate every line before deciding any, so bad input never leaves half an output.
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const where = `--jsonl ${file}:${i + 1}`;
    const obj = parseJsonObject(line, where);
    if (typeof obj.tool !== 'string' || obj.tool === '')
      throw usageError(`${where}: "tool" must be a non-empty string`);
    const args = obj.args ?? {};
    if (args === null || typeof args !== 'object' || Array.isArray(args))
      throw usageError(`${where}: "args" must be an object`);
    const extra = Object.keys(obj).filter((k) => k !== 'tool' && k !== 'args');
    if (extra.length > 0)
      throw usageError(`${where}: unknown key "${extra[0]}" (expected "tool" and "args")`);
    calls.push({ tool: obj.tool, args: args as Record<string, unknown> });
  }
  return calls;
}

/** `warden policy eval`. */
export async function policyEval(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        config: { type: 'string' },
        agent: { type: 'string' },
        tool: { type: 'string' },
        args: { type: 'string' },
        json: { type: 'boolean' },
        jsonl: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  }
  try {
    parsed = parse();
  } catch (error) {
    throw usageError(`${(error as Error).message}\n\n${POLICY_EVAL_HELP}`);
  }
  const o = parsed.values;
  if (o.help) {
    io.stdout(POLICY_EVAL_HELP);
    return EXIT.ok;
  }
  if (!o.agent) throw usageError('missing --agent NAME');
  if (o.jsonl !== undefined && (o.tool !== undefined || o.args !== undefined)) {
    throw usageError('--jsonl cannot be combined with --tool or --args');
  }
  if (o.jsonl === undefined && !o.tool) throw usageError('missing --tool TOOL (or --jsonl FILE)');
  const calls =
    o.jsonl !== undefined
      ? readLines(o.jsonl, io)
      : [{ tool: o.tool!, args: o.args === undefined ? {} : parseJsonObject(o.args, '--args') }];

  // One-shot process: compile schemas only for the tool asked about, load the shell grammar only
  // when a decision needs it (decide() denies with commands.parser-unavailable until then).
  const policy: Policy = await createPolicy(
    { configFile: resolve(io.cwd, o.config ?? 'warden.yaml'), env: io.env },
    { lazySchemas: true, shellParser: 'on-demand' },
  );
  if (!policy.profile(o.agent)) {
    throw usageError(
      `--agent ${o.agent}: no such agent in ${o.config ?? 'warden.yaml'} (agents: ${policy.agents.join(', ')})`,
    );
  }
  const json = o.json === true || o.jsonl !== undefined;
  const out: string[] = [];
  for (const call of calls) {
    const request = { agent: o.agent, tool: call.tool, args: call.args };
    let decision = policy.decide(request);
    if (decision.reasons.some((r) => r.rule === 'commands.parser-unavailable')) {
      await initShellParser();
      decision = policy.decide(request);
    }
    out.push(render(decision, call.tool, json));
  }
  if (out.length > 0) io.stdout(`${out.join('\n')}\n`);
  return EXIT.ok;
}
