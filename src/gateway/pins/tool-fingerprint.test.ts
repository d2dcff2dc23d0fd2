import { describe, expect, it } from 'vitest';
import { canonicalToolDefinition, canonicalToolJson, toolFingerprint } from './tool-fingerprint.js';

const tool = {
  name: 'read_file',
  title: 'Read file',
  description: 'Read a file from the workspace.',
  inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
  annotations: { readOnlyHint: true },
};

describe('toolFingerprint', () => {
  it('reordered keys at every level → same fingerprint', () => {
    const reordered = {
      annotations: { readOnlyHint: true },
      inputSchema: { required: ['path'], properties: { path: { type: 'string' } }, type: 'object' },
      description: 'Read a file from the workspace.',
      title: 'Read file',
      name: 'read_file',
    };
    expect(toolFingerprint(reordered)).toBe(toolFingerprint(tool));
    expect(toolFingerprint(tool)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('whitespace and escapes of the listed JSON → same fingerprint', () => {
    const text = JSON.stringify(tool, null, 4).replace('Read a', 'Read \\u0061');
    expect(toolFingerprint(JSON.parse(text) as typeof tool)).toBe(toolFingerprint(tool));
    expect(toolFingerprint({ ...tool, outputSchema: undefined })).toBe(toolFingerprint(tool));
  });

  it('any semantic change → different fingerprint', () => {
    const base = toolFingerprint(tool);
    const variants: object[] = [
      { ...tool, description: 'Read a file from the workspace. ' },
      { ...tool, title: 'Read File' },
      { ...tool, annotations: { readOnlyHint: false } },
      { ...tool, inputSchema: { ...tool.inputSchema, required: [] } },
      { ...tool, outputSchema: { type: 'object' } },
      { ...tool, _meta: { 'ui/resourceUri': 'ui://x' } },
      { ...tool, icons: [{ src: 'https://example.com/i.png' }] },
      { ...tool, inputSchema: { ...tool.inputSchema, required: ['path', 'path'] } },
      { ...tool, description: 'Read a file from the workspace.\u200b' },
    ];
    const seen = new Set([base]);
    for (const v of variants) seen.add(toolFingerprint(v as typeof tool));
    expect(seen.size).toBe(variants.length + 1);
  });

  it('canonical form sorts keys and keeps unknown fields and _meta', () => {
    const c = canonicalToolDefinition({ name: 'x', zeta: 1, _meta: { b: 1, a: 2 } } as never);
    expect(Object.keys(c)).toEqual(['_meta', 'name', 'zeta']);
    expect(canonicalToolJson({ name: 'x', _meta: { b: 1, a: 2 } } as never)).toBe(
      '{"_meta":{"a":2,"b":1},"name":"x"}',
    );
  });

  it('rejects a definition without a name', () => {
    expect(() => toolFingerprint({} as never)).toThrow(/name/);
    expect(() => toolFingerprint(null as never)).toThrow(/object/);
  });
});
