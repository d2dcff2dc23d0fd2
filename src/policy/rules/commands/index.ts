export { type CommandCheckContext, checkCommand, MAX_COMMAND_LENGTH } from './check-command.js';
export { type CommandPolicy, type CommandPrefix, compileCommandPolicy } from './command-policy.js';
export { initShellParser, isShellParserReady } from './shell-parser.js';
