// Shared by the tool tests; test-support/ is left out of the build.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { WardenError } from '../../../errors/warden-error.js';

export const SECRET = 'TOP-SECRET-OUTSIDE';

/**
 * A fresh tree:
 *
 *   base/outside/secret.txt, outside/dir/inner.txt   (SECRET, never reachable)
 *   base/ws/                                         workspace and read scope
 *     notes.txt  sub/inner.txt  .env  config/.env  out/ (write scope)
 *     link-out -> ../outside      secret-link -> ../outside/secret.txt      env-link -> .env
 */
export function makeTree(): { base: string; ws: string; out: string; outside: string } {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'warden-tools-')));
  const ws = join(base, 'ws');
  const out = join(ws, 'out');
  const outside = join(base, 'outside');
  mkdirSync(join(outside, 'dir'), { recursive: true });
  writeFileSync(join(outside, 'secret.txt'), SECRET);
  writeFileSync(join(outside, 'dir', 'inner.txt'), SECRET);
  mkdirSync(join(ws, 'sub'), { recursive: true });
  mkdirSync(join(ws, 'config'));
  mkdirSync(out);
  writeFileSync(join(ws, 'notes.txt'), 'hello notes\n');
  writeFileSync(join(ws, 'sub', 'inner.txt'), 'inside\n');
  writeFileSync(join(ws, '.env'), 'TOKEN=env-secret');
  writeFileSync(join(ws, 'config', '.env'), 'TOKEN=env-secret');
  symlinkSync('../outside', join(ws, 'link-out'));
  symlinkSync('../outside/secret.txt', join(ws, 'secret-link'));
  symlinkSync('.env', join(ws, 'env-link'));
  return { base, ws, out, outside };
}

export function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** The WardenError a promise rejects with (fails the test if it resolves or throws something else). */
export async function rejection(promise: Promise<unknown>): Promise<WardenError> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    if (WardenError.isInstance(error)) return error;
    throw new Error(`expected a WardenError, got ${String(error)}`, { cause: error });
  }
  throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
}

/** Assert a DENIED refusal with `rule` as its (first) reason. */
export async function expectDenied(promise: Promise<unknown>, rule: string | RegExp): Promise<WardenError> {
  const error = await rejection(promise);
  expect(error.code, error.message).toBe('DENIED');
  expect(error.reasons[0]?.rule).toMatch(
    typeof rule === 'string' ? new RegExp(`^${rule.replaceAll('.', '\\.')}$`) : rule,
  );
  expect(error.message).not.toContain(SECRET);
  return error;
}

/** Assert a rejection with `code`; returns the error. */
export async function expectCode(promise: Promise<unknown>, code: string): Promise<WardenError> {
  const error = await rejection(promise);
  expect(error.code, error.message).toBe(code);
  expect(error.message).not.toContain(SECRET);
  return error;
}

/** Fails when `promise` takes longer than `ms` (a FIFO read that blocks would hang the suite). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms).unref(),
    ),
  ]);
}
