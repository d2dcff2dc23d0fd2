// Entry point of the JS sandbox host process. isolated-vm needs Node 20+ started with
// --no-node-snapshot, and a V8 bug or an out-of-memory abort in an isolate takes its whole process
// down, so isolates never live in the caller's process: the parent (js-host-process.ts) forks this
// file with a cleared environment, Node's permission model where available, and --no-expose-wasm,
// then sends runs over the IPC channel. Messages are described in host-protocol.ts.
//
// argv[2] is the absolute path of isolated-vm's entry file, resolved by the parent, so this process
// needs read access only to its own folder and to isolated-vm.
import { createRequire } from 'node:module';
import { runInIsolate } from './isolate-run.mjs';

const send = (message, done) => {
  if (process.connected) process.send(message, done);
  else if (done) done();
};

let ivm;
try {
  const entry = process.argv[2];
  if (!entry) throw new Error('no isolated-vm path given (argv[2])');
  ivm = createRequire(import.meta.url)(entry);
} catch (error) {
  const message = `cannot load isolated-vm: ${error instanceof Error ? error.message : String(error)}`;
  send({ type: 'fatal', message }, () => process.exit(1));
}

if (ivm !== undefined) {
  if (!process.connected) {
    process.stderr.write('js-host.mjs is started by the Warden JS sandbox over IPC, not by hand\n');
    process.exit(2);
  }

  /** Run id -> function that disposes that run's isolate. */
  const stoppers = new Map();

  // isolated-vm says to end the process when V8 loses control of an isolate (in practice: a guest
  // that outgrew its heap faster than the limit could stop it). The parent sees the exit, reads this
  // line from stderr, and fails every in-flight run with a typed error. SIGKILL rather than abort():
  // nothing more runs here, and no core file is written.
  const onCatastrophicError = (message) => {
    process.stderr.write(`warden-js-host: catastrophic isolate error (out of memory?): ${message}\n`);
    try {
      process.kill(process.pid, 'SIGKILL');
    } catch {
      // refused (a future permission model?): abort instead
    }
    process.abort();
  };

  const isRun = (m) =>
    typeof m.id === 'number' &&
    typeof m.code === 'string' &&
    (m.inputJson === undefined || typeof m.inputJson === 'string') &&
    Number.isFinite(m.timeoutMs) &&
    Number.isInteger(m.memoryMb) &&
    Number.isInteger(m.maxOutputBytes) &&
    (m.mode === undefined || m.mode === 'function' || m.mode === 'script');

  const handleRun = async (m) => {
    const outcome = await runInIsolate(ivm, m, {
      onCatastrophicError,
      onStopper: (stop) => stoppers.set(m.id, stop),
    });
    stoppers.delete(m.id);
    send({ type: 'done', id: m.id, outcome });
  };

  process.on('message', (m) => {
    if (typeof m !== 'object' || m === null) return;
    if (m.type === 'run' && isRun(m)) {
      handleRun(m).catch((error) => {
        stoppers.delete(m.id);
        send({ type: 'done', id: m.id, outcome: { kind: 'internal', message: String(error) } });
      });
    } else if (m.type === 'abort' && typeof m.id === 'number') {
      stoppers.get(m.id)?.();
    }
  });
  // The parent went away (or closed the sandbox): nothing is left to serve.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', versions: { node: process.versions.node, v8: process.versions.v8 } });
}
