import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WardenError, WardenErrorCode } from '../../errors/warden-error.js';
import { preflightSandbox } from './preflight.js';
import { SandboxUnavailableError } from './sandbox-unavailable-error.js';

async function refusal(promise: Promise<unknown>): Promise<SandboxUnavailableError> {
  try {
    await promise;
  } catch (e) {
    if (SandboxUnavailableError.isInstance(e)) return e;
    throw e;
  }
  throw new Error('preflight passed where it must fail');
}

describe('preflightSandbox', () => {
  it('passes on this host: bubblewrap, user namespaces and the seccomp filter all work', async () => {
    const host = await preflightSandbox();
    expect(host.bwrap).toMatch(/bwrap$/);
    expect(host.version).toMatch(/^bubblewrap \d+\.\d+/);
  });

  it('refuses with the install command when bubblewrap is missing', async () => {
    const e = await refusal(preflightSandbox({ path: mkdtempSync(join(tmpdir(), 'warden-nopath-')) }));
    expect(e.requirement).toBe('bubblewrap');
    expect(e.fix).toContain('apt-get install bubblewrap');
    expect(WardenError.isInstance(e) && e.code).toBe(WardenErrorCode.SandboxUnavailable);
  });

  it('refuses a "bwrap" that is not bubblewrap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-fakebwrap-'));
    const fake = join(dir, 'bwrap');
    writeFileSync(fake, '#!/bin/sh\necho "hello"\n');
    chmodSync(fake, 0o755);
    const e = await refusal(preflightSandbox({ bwrap: fake }));
    expect(e.requirement).toBe('bubblewrap');
  });

  it('refuses when bubblewrap cannot create namespaces, with a fix for user namespaces', async () => {
    // A bwrap that answers --version but fails like a host with user namespaces disabled.
    const dir = mkdtempSync(join(tmpdir(), 'warden-nouserns-'));
    const fake = join(dir, 'bwrap');
    writeFileSync(
      fake,
      '#!/bin/sh\nif [ "$1" = --version ]; then echo "bubblewrap 0.8.0"; exit 0; fi\necho "bwrap: No permissions to create new namespace" >&2; exit 1\n',
    );
    chmodSync(fake, 0o755);
    const e = await refusal(preflightSandbox({ bwrap: fake }));
    expect(e.requirement).toBe('user-namespaces');
    expect(e.message).toContain('No permissions to create new namespace');
    expect(e.fix).toMatch(/user namespaces/);
  });

  it('refuses when the seccomp filter is not accepted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-noseccomp-'));
    const fake = join(dir, 'bwrap');
    writeFileSync(
      fake,
      '#!/bin/sh\nif [ "$1" = --version ]; then echo "bubblewrap 0.8.0"; exit 0; fi\nfor a; do [ "$a" = --seccomp ] && { echo "bwrap: prctl(PR_SET_SECCOMP): Invalid argument" >&2; exit 1; }; done\nexit 0\n',
    );
    chmodSync(fake, 0o755);
    const e = await refusal(preflightSandbox({ bwrap: fake }));
    expect(e.requirement).toBe('seccomp');
    expect(e.message).toContain('PR_SET_SECCOMP');
  });
});
