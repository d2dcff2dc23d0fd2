#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// The CLI decides a call or two and exits. Without this, V8 re-compiles the 1.4 MB shell grammar
// (WebAssembly) with its optimising tier in the background after the first parse, and the process
// waits ~800 ms for that work before it can exit. The baseline tier is fast enough for one parse.
setFlagsFromString('--liftoff-only');

// `warden check | head -1`: a closed pipe ends the output, not the process with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const { runCli } = await import('./run-cli.js');
const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  env: process.env,
});
process.exitCode = code;
