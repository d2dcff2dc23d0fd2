import { describe, expect, it } from 'vitest';
import { collectStrings } from './collect-strings.js';

describe('collectStrings', () => {
  it('walks the definition with JSON paths, brackets for odd keys and array indices', () => {
    const strings = collectStrings({
      name: 'add',
      description: 'Adds.',
      inputSchema: { properties: { 'a-b': { description: 'x', enum: ['p', 'q'] } }, required: ['a-b'] },
      annotations: { title: 'T' },
    });
    expect(strings.map((s) => s.path)).toEqual([
      'name',
      'description',
      'inputSchema.properties["a-b"].description',
      'inputSchema.properties["a-b"].enum[0]',
      'inputSchema.properties["a-b"].enum[1]',
      'inputSchema.required[0]',
      'annotations.title',
    ]);
  });
});
