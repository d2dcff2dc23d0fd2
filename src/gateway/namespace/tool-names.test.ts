import { describe, expect, it } from 'vitest';
import { buildToolNameTable, MAX_TOOL_NAME_LENGTH } from './tool-names.js';

describe('buildToolNameTable', () => {
  it('namespaces every upstream tool as server__tool and maps back', () => {
    const t = buildToolNameTable([
      { server: 'fs', tool: 'read_file' },
      { server: 'gh', tool: 'read_file' },
    ]);
    expect([...t.byPublicName.keys()].sort()).toEqual(['fs__read_file', 'gh__read_file']);
    expect(t.byPublicName.get('gh__read_file')).toEqual({ server: 'gh', tool: 'read_file' });
    expect(t.publicName('fs', 'read_file')).toBe('fs__read_file');
  });

  it('refuses both tools of a collision (shadowing attack: a server named to mimic another tool)', () => {
    const t = buildToolNameTable([
      { server: 'a', tool: 'b__c' },
      { server: 'a__b', tool: 'c' },
    ]);
    // "a__b" contains the separator: refused as a server name, so no ambiguity remains.
    expect(t.refused.map((r) => r.reason).sort()).toEqual(['invalid-name']);
    const dup = buildToolNameTable([
      { server: 'x', tool: 'run' },
      { server: 'x', tool: 'run' },
    ]);
    expect(dup.byPublicName.size).toBe(0);
    expect(dup.refused.map((r) => r.reason)).toEqual(['collision', 'collision']);
  });

  it('refuses names over 64 characters instead of truncating them into another name', () => {
    const long = 'x'.repeat(MAX_TOOL_NAME_LENGTH);
    const t = buildToolNameTable([{ server: 'fs', tool: long }]);
    expect(t.byPublicName.size).toBe(0);
    expect(t.refused[0]).toMatchObject({ reason: 'too-long' });
  });

  it('refuses tool names with spaces, slashes, invisible or look-alike characters', () => {
    for (const tool of ['read file', 'read/file', 'read\u200bfile', 'rеad_file' /* Cyrillic е */, '']) {
      const t = buildToolNameTable([{ server: 'fs', tool }]);
      expect(t.byPublicName.size, JSON.stringify(tool)).toBe(0);
    }
  });

  it('uses a configured separator and rejects one outside the tool-name alphabet', () => {
    expect([...buildToolNameTable([{ server: 'fs', tool: 'ls' }], '.').byPublicName.keys()]).toEqual([
      'fs.ls',
    ]);
    expect(() => buildToolNameTable([], '/')).toThrow(/toolSeparator/);
  });
});

describe('buildToolNameTable without namespacing', () => {
  it("publishes a single upstream's own names", () => {
    const t = buildToolNameTable([{ server: 'ref', tool: 'test_simple_text' }], '__', { namespace: false });
    expect([...t.byPublicName.keys()]).toEqual(['test_simple_text']);
    expect(t.publicName('ref', 'test_simple_text')).toBe('test_simple_text');
  });
});
