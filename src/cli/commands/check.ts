import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Finding, runChecklist } from '../../check/checklist.js';
import { inspectConfig } from '../../config/load-config.js';
import { formatLocation, WardenError } from '../../errors/warden-error.js';
import { compilePolicy } from '../../policy/policy.js';
import { CHECK_HELP } from '../help.js';
import { type CliIo, EXIT, usageError } from '../usage-error.js';

function renderFinding(f: Finding): string {
  const where = formatLocation(f);
  const head = [where, f.severity, f.agent ? `agent ${f.agent}` : '', f.path ?? '']
    .filter(Boolean)
    .join(': ');
  return `${head}: ${f.message} [${f.id}]${f.hint ? `\n    hint: ${f.hint}` : ''}`;
}

/** `warden check`. */
export async function check(argv: string[], io: CliIo): Promise<number> {
  let values: { config?: string; json?: boolean; help?: boolean };
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        config: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw usageError(`${(error as Error).message}\n\n${CHECK_HELP}`);
  }
  if (values.help) {
    io.stdout(CHECK_HELP);
    return EXIT.ok;
  }
  const file = values.config ?? 'warden.yaml';
  const report = inspectConfig({ configFile: resolve(io.cwd, file), env: io.env });
  let findings: Finding[];
  if (!report.loaded) {
    const unreadable = report.issues.length === 1 && /^cannot read file/.test(report.issues[0]!.message);
    if (unreadable) throw usageError(`--config ${file}: ${report.issues[0]!.message}`);
    findings = report.issues.map((i) => ({
      id: 'config.invalid',
      severity: i.severity,
      message: i.message,
      ...(i.file ? { file: i.file } : {}),
      ...(i.line !== undefined ? { line: i.line } : {}),
      ...(i.column !== undefined ? { column: i.column } : {}),
      ...(i.path ? { path: i.path } : {}),
      ...(i.hint ? { hint: i.hint } : {}),
    }));
  } else {
    try {
      const policy = await compilePolicy(report.loaded);
      findings = runChecklist(
        report.loaded,
        policy.agents.map((a) => policy.profile(a)!),
      );
    } catch (error) {
      if (!WardenError.isInstance(error)) throw error;
      findings = (
        error.issues.length > 0
          ? error.issues
          : [{ path: '', message: error.message, severity: 'error' as const }]
      ).map((i) => ({
        id: 'config.invalid',
        severity: i.severity,
        message: i.message,
        ...(i.file ? { file: i.file } : {}),
        ...(i.line !== undefined ? { line: i.line } : {}),
        ...(i.path ? { path: i.path } : {}),
      }));
    }
  }
  const ok = !findings.some((f) => f.severity === 'error');
  if (values.json) io.stdout(`${JSON.stringify({ ok, findings })}\n`);
  else {
    for (const f of findings) io.stdout(`${renderFinding(f)}\n`);
    const errors = findings.filter((f) => f.severity === 'error').length;
    io.stdout(`${ok ? 'ok' : 'failed'}: ${errors} error(s), ${findings.length - errors} warning(s)\n`);
  }
  return ok ? EXIT.ok : EXIT.findings;
}
