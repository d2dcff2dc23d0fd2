import { describe, expect, it } from 'vitest';
import { analyzeSedScript } from './sed-script.js';

describe('analyzeSedScript', () => {
  it('accepts ordinary edits', () => {
    for (const script of [
      's/a/b/g',
      's|/usr|/opt|2',
      '1,5p',
      '/^#/d',
      '$!N; s/\\n/ /',
      '0,/re/I s//x/',
      'y/abc/xyz/',
      ':a;N;$!ba;s/\\n//g',
      '/start/,/end/{ s/x/y/; p }',
      '1i\\\nheader',
      '\\%path%d',
      '2~3p',
      '/x/,+2d',
    ]) {
      expect(analyzeSedScript(script), script).toEqual({ problems: [], reads: [], writes: [] });
    }
  });

  it('refuses the e command and the e flag of s', () => {
    expect(analyzeSedScript('s/a/b/e').problems).toEqual([
      'the "e" flag of s runs the pattern space as a shell command',
    ]);
    expect(analyzeSedScript('1e id').problems).toEqual(['the "e" command runs a shell command']);
    expect(analyzeSedScript('s/x/y/ge').problems).toHaveLength(1);
    expect(analyzeSedScript('/x/ !e').problems).toHaveLength(1);
  });

  it('finds files read and written', () => {
    expect(analyzeSedScript('1r /etc/passwd')).toMatchObject({ reads: ['/etc/passwd'] });
    expect(analyzeSedScript('R x.txt\nw out.txt')).toMatchObject({ reads: ['x.txt'], writes: ['out.txt'] });
    expect(analyzeSedScript('s/a/b/w /etc/cron.d/x')).toMatchObject({ writes: ['/etc/cron.d/x'] });
  });

  it('refuses what it cannot read', () => {
    expect(analyzeSedScript('s/a/b').problems).toEqual(['unterminated "s" command']);
    expect(analyzeSedScript('k').problems).toEqual(['unknown sed command "k"']);
    expect(analyzeSedScript('s/a/b/q').problems.length).toBeGreaterThan(0);
  });
});
