import { describe, expect, it } from 'vitest';
import { analyzeAwkProgram } from './awk-program.js';

describe('analyzeAwkProgram', () => {
  it('accepts programs that only transform text', () => {
    for (const program of [
      '{ print $1 }',
      '$3 > 5 { print $2 }',
      'NR % 2 == 0',
      '/a|b/ { n++ } END { print n }',
      '$1 == "x" || $2 == "y"',
      '{ printf "%d > %d\\n", $1, $2 }',
      'BEGIN { FS = ":" } { sum += $3 } END { print sum / NR }',
      '$0 ~ /x|y/',
    ]) {
      expect(analyzeAwkProgram(program), program).toEqual([]);
    }
  });

  it('refuses what reaches outside the text', () => {
    expect(analyzeAwkProgram('BEGIN { system("id") }')).toContain('system() runs a shell command');
    expect(analyzeAwkProgram('{ print | "sh" }')).toContain(
      '"|" pipes output to or input from a shell command',
    );
    expect(analyzeAwkProgram('BEGIN { "id" | getline x }').length).toBeGreaterThan(0);
    expect(analyzeAwkProgram('{ print > "/etc/x" }')).toContain(
      'print/printf redirected with ">" writes files',
    );
    expect(analyzeAwkProgram('{ printf "%s", $0 >> "out" }').length).toBeGreaterThan(0);
    expect(analyzeAwkProgram('@load "filefuncs"').length).toBeGreaterThan(0);
    expect(analyzeAwkProgram('BEGIN { f = "sys" "tem"; @f("id") }').length).toBeGreaterThan(0);
    expect(analyzeAwkProgram('{ print |& "cmd" }').length).toBeGreaterThan(0);
  });
});
