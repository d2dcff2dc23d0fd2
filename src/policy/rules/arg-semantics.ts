import type { FileAccess } from './file-scope.js';

/** How one argument is checked. */
export interface ArgSemantic {
  name: string;
  type: 'path' | 'url' | 'command';
  access?: FileAccess;
  required?: boolean;
  /** The argument may be an array of values of this type. */
  list?: boolean;
}

/** Built-in tools whose arguments Warden knows exactly. */
export interface BuiltinTool {
  args: ArgSemantic[];
  props: Record<string, string>;
  /** Allowed values (case-insensitive) for some string arguments. */
  values?: Record<string, readonly string[]>;
}

export const BUILTIN_TOOLS: Readonly<Record<string, BuiltinTool>> = {
  'fs.read': {
    args: [{ name: 'path', type: 'path', access: 'read', required: true }],
    props: { path: 'string', encoding: 'string', offset: 'integer', length: 'integer' },
  },
  'fs.write': {
    args: [{ name: 'path', type: 'path', access: 'write', required: true }],
    props: { path: 'string', content: 'string', mode: 'string', append: 'boolean', encoding: 'string' },
    values: { mode: ['CREATE', 'OVERWRITE', 'APPEND'], encoding: ['UTF8', 'BASE64'] },
  },
  'fs.list': {
    args: [{ name: 'path', type: 'path', access: 'read', required: true }],
    props: { path: 'string', recursive: 'boolean', maxDepth: 'integer' },
  },
  'fs.delete': {
    args: [{ name: 'path', type: 'path', access: 'write', required: true }],
    props: { path: 'string', recursive: 'boolean' },
  },
  'http.fetch': {
    args: [{ name: 'url', type: 'url', required: true }],
    props: { url: 'string', method: 'string', headers: 'object', body: 'string' },
    values: { method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] },
  },
  'shell.run': {
    args: [
      { name: 'cwd', type: 'path', access: 'read' },
      { name: 'command', type: 'command', required: true },
    ],
    props: { command: 'string', cwd: 'string', timeout: 'integer' },
  },
  'code.execute': {
    args: [],
    props: { language: 'string', code: 'string', input: 'object' },
    values: { language: ['JAVASCRIPT', 'PYTHON', 'SH'] },
  },
};

const PATH_NAMES = new Set([
  'path',
  'file',
  'filename',
  'filepath',
  'file_path',
  'directory',
  'dir',
  'folder',
  'source',
  'src',
]);
const PATH_LIST_NAMES = new Set(['paths', 'files']);
const WRITE_PATH_NAMES = new Set(['destination', 'dest', 'target', 'output', 'output_path']);
const URL_NAMES = new Set(['url', 'uri', 'href', 'endpoint', 'link']);
const URL_LIST_NAMES = new Set(['urls', 'uris']);
const COMMAND_NAMES = new Set(['command', 'cmd']);
// A path argument of an unknown tool needs the write scope unless the tool's name says it only
// reads: `filesystem.unlink`, `fs_touch` or `repo.checkout` must not pass with a read grant.
const READ_ONLY_VERB =
  /^(read|get|list|ls|search|find|grep|stat|view|show|describe|head|tail|cat|open|load|query|lookup|inspect|fetch|info|exists|count|diff|tree|glob)$/i;
const MUTATING_VERB =
  /^(write|create|delete|remove|rm|rmdir|unlink|move|mv|rename|edit|update|put|upload|save|mkdir|append|patch|copy|cp|chmod|chown|truncate|touch|symlink|link|download|extract|unzip|checkout|replace|set|apply|install|commit|push|insert|drop)$/i;
const CWD_NAMES = new Set([
  'cwd',
  'workdir',
  'work_dir',
  'working_dir',
  'working_directory',
  'workingdirectory',
]);

/** True for an argument naming the directory a command runs in (`cwd`, `workdir`, any case). */
export function isCwdArg(name: string): boolean {
  return CWD_NAMES.has(name.toLowerCase());
}

/** Read access only when the tool's name has a read verb and no mutating one. */
export function onlyReads(tool: string): boolean {
  const words = tool.split(/[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])/).filter(Boolean);
  return words.some((w) => READ_ONLY_VERB.test(w)) && !words.some((w) => MUTATING_VERB.test(w));
}

/**
 * The conservative default for tools Warden has never seen: arguments with well-known names are
 * checked as paths, URLs or commands. A path argument needs the write scope unless the tool's
 * name says it only reads (`notes.read`, `github.get_file`); a working directory needs read.
 *
 * @example
 * defaultArgSemantics('filesystem.write_file', { path: 'a.txt', content: 'x' }) // [{ name: 'path', type: 'path', access: 'write' }]
 */
export function defaultArgSemantics(
  tool: string,
  args: Record<string, unknown>,
  readsOnly: (tool: string) => boolean = onlyReads,
): ArgSemantic[] {
  const out: ArgSemantic[] = [];
  let cached: boolean | undefined;
  // Splitting the tool name costs more than the rest of a tool-level decision: only when needed.
  const access = (): 'read' | 'write' => {
    cached ??= !readsOnly(tool);
    return cached ? 'write' : 'read';
  };
  for (const name of Object.keys(args)) {
    const key = name.toLowerCase();
    if (CWD_NAMES.has(key)) out.push({ name, type: 'path', access: 'read' });
    else if (PATH_NAMES.has(key)) out.push({ name, type: 'path', access: access() });
    else if (PATH_LIST_NAMES.has(key)) out.push({ name, type: 'path', access: access(), list: true });
    else if (WRITE_PATH_NAMES.has(key)) out.push({ name, type: 'path', access: 'write' });
    else if (URL_NAMES.has(key)) out.push({ name, type: 'url' });
    else if (URL_LIST_NAMES.has(key)) out.push({ name, type: 'url', list: true });
    else if (COMMAND_NAMES.has(key)) out.push({ name, type: 'command' });
  }
  return out;
}
