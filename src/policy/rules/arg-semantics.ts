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
export const BUILTIN_TOOLS: Readonly<Record<string, { args: ArgSemantic[]; props: Record<string, string> }>> =
  {
    'fs.read': {
      args: [{ name: 'path', type: 'path', access: 'read', required: true }],
      props: { path: 'string', encoding: 'string', offset: 'integer', length: 'integer' },
    },
    'fs.write': {
      args: [{ name: 'path', type: 'path', access: 'write', required: true }],
      props: { path: 'string', content: 'string', append: 'boolean', encoding: 'string' },
    },
    'fs.list': {
      args: [{ name: 'path', type: 'path', access: 'read', required: true }],
      props: { path: 'string', recursive: 'boolean' },
    },
    'fs.delete': {
      args: [{ name: 'path', type: 'path', access: 'write', required: true }],
      props: { path: 'string', recursive: 'boolean' },
    },
    'http.fetch': {
      args: [{ name: 'url', type: 'url', required: true }],
      props: { url: 'string', method: 'string', headers: 'object', body: 'string' },
    },
    'shell.run': {
      args: [
        { name: 'cwd', type: 'path', access: 'read' },
        { name: 'command', type: 'command', required: true },
      ],
      props: { command: 'string', cwd: 'string', timeout: 'integer' },
    },
    'code.execute': { args: [], props: { language: 'string', code: 'string' } },
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
  'cwd',
  'source',
  'src',
]);
const PATH_LIST_NAMES = new Set(['paths', 'files']);
const WRITE_PATH_NAMES = new Set(['destination', 'dest', 'target', 'output', 'output_path']);
const URL_NAMES = new Set(['url', 'uri', 'href', 'endpoint', 'link']);
const URL_LIST_NAMES = new Set(['urls', 'uris']);
const COMMAND_NAMES = new Set(['command', 'cmd']);
const MUTATING_TOOL =
  /(write|create|delete|remove|move|rename|edit|update|put|upload|save|mkdir|append|patch|copy|chmod|truncate)/i;

/**
 * The conservative default for tools Warden has never seen: arguments with well-known names are
 * checked as paths, URLs or commands. A path argument of a tool whose name sounds mutating needs
 * the write scope.
 *
 * @example
 * defaultArgSemantics('filesystem.write_file', { path: 'a.txt', content: 'x' }) // [{ name: 'path', type: 'path', access: 'write' }]
 */
export function defaultArgSemantics(tool: string, args: Record<string, unknown>): ArgSemantic[] {
  const out: ArgSemantic[] = [];
  const mutating = MUTATING_TOOL.test(tool);
  for (const name of Object.keys(args)) {
    const key = name.toLowerCase();
    if (PATH_NAMES.has(key)) out.push({ name, type: 'path', access: mutating ? 'write' : 'read' });
    else if (PATH_LIST_NAMES.has(key))
      out.push({ name, type: 'path', access: mutating ? 'write' : 'read', list: true });
    else if (WRITE_PATH_NAMES.has(key)) out.push({ name, type: 'path', access: 'write' });
    else if (URL_NAMES.has(key)) out.push({ name, type: 'url' });
    else if (URL_LIST_NAMES.has(key)) out.push({ name, type: 'url', list: true });
    else if (COMMAND_NAMES.has(key)) out.push({ name, type: 'command' });
  }
  return out;
}
