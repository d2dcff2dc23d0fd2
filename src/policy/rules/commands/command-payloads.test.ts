import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCommand, compileCommandPolicy, initShellParser } from './index.js';
import { makeSandbox } from './test-support/sandbox.js';

/**
 * Every command-injection payload of PayloadsAllTheThings, decoded the ways a consumer might decode
 * it, on its own and appended to an allowed command (the classic `ping <user input>` injection), must
 * be denied by a profile that allows only harmless read-only programs.
 */

const DATASET = fileURLToPath(
  new URL('../../../../../shared/datasets/payloads/payloadsallthethings/Command_Injection/', import.meta.url),
);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function variants(line: string): string[] {
  const out = new Set<string>([line]);
  const html = line.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) =>
    body[0] === '#'
      ? String.fromCodePoint(
          body[1]?.toLowerCase() === 'x' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1)),
        )
      : (ENTITIES[body.toLowerCase()] ?? whole),
  );
  out.add(html);
  for (const base of [line, html]) {
    let layer = base;
    for (let i = 0; i < 3; i++) {
      const next = layer.replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      );
      if (next === layer) break;
      out.add(next);
      layer = next;
    }
  }
  return [...out];
}

const ALLOWED_PROGRAMS = ['ls', 'cat', 'grep', 'echo', 'git'];

/**
 * The oracle: run the command in real bash with xtrace, a PATH of inert shims and no environment,
 * and list every simple command bash executed. A payload that passed the policy must run only
 * allowed programs; quoted payloads (`cat notes.txt ';id;'`) are inert data and pass legitimately.
 */
function programsBashRuns(command: string, cwd: string, shims: string): string[] {
  const r = spawnSync('/bin/bash', ['--norc', '--noprofile', '-x', '-c', command], {
    cwd,
    // (bash ignores PS4 from the environment when run as root, so the default `+ ` prefix is parsed)
    env: { PATH: shims },
    encoding: 'utf8',
    timeout: 5000,
    input: '',
  });
  return r.stderr
    .split('\n')
    .map((line) => /^\++ (\S+)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

describe('command-injection payloads (PayloadsAllTheThings)', () => {
  const sandbox = makeSandbox();
  const policy = compileCommandPolicy(['ls', 'cat', 'grep', 'echo', 'git status']);
  const shims = join(sandbox.root, 'shims');
  beforeAll(async () => {
    await initShellParser();
    mkdirSync(shims);
    for (const name of ALLOWED_PROGRAMS)
      writeFileSync(join(shims, name), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  });

  it('are denied unless bash itself runs nothing but allowed programs', () => {
    expect(existsSync(DATASET), `dataset missing at ${DATASET}`).toBe(true);
    let lines = 0;
    let checked = 0;
    let denied = 0;
    const passed: string[] = [];
    const escaped: string[] = [];
    for (const file of readdirSync(DATASET, { recursive: true, withFileTypes: true })) {
      if (!file.isFile()) continue;
      const path = join(file.parentPath, file.name);
      for (const raw of readFileSync(path, 'utf8').split('\n')) {
        if (raw.trim() === '') continue;
        lines++;
        for (const payload of variants(raw)) {
          for (const command of [
            payload,
            `cat notes.txt${payload}`,
            `cat notes.txt ${payload}`,
            `grep notes ${payload}`,
          ]) {
            checked++;
            if (checkCommand(policy, command, { scope: sandbox.scope }).length > 0) {
              denied++;
              continue;
            }
            passed.push(command);
            const ran = programsBashRuns(command, sandbox.ws, shims);
            if (ran.some((name) => !ALLOWED_PROGRAMS.includes(name)))
              escaped.push(`${JSON.stringify(command)} ran ${ran.join(', ')}`);
          }
        }
      }
    }
    console.log(
      JSON.stringify({ payloadLines: lines, commandsChecked: checked, denied, allowedInert: passed.length }),
    );
    expect(lines).toBeGreaterThan(500);
    expect(escaped).toEqual([]);
  });

  it('has an oracle that sees an injected command (so the check above can fail)', () => {
    expect(programsBashRuns('cat notes.txt;id', sandbox.ws, shims)).toEqual(['cat', 'id']);
    expect(programsBashRuns("cat notes.txt ';id;'", sandbox.ws, shims)).toEqual(['cat']);
    expect(programsBashRuns('cat notes.txt | (grep x && id)', sandbox.ws, shims).sort()).toEqual([
      'cat',
      'grep',
      'id',
    ]);
  });
});
