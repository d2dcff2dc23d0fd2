// Runs inside the network-less sandbox, under the host's node binary, before the untrusted command.
// The sandbox has only loopback, so the command's HTTP_PROXY/HTTPS_PROXY/ALL_PROXY point at this
// bridge on 127.0.0.1 (and ::1), which pipes every TCP connection to the egress proxy's Unix socket,
// bind-mounted from the host. It decides nothing: all checks happen in the proxy on the host.
// Plain JavaScript with node: built-ins only, so that it runs without the package or its build.
//
// usage: node egress-bridge.mjs <port> <unix-socket-path> -- <command> [args...]
// exit:  the command's exit code; 128+N when signal N ended it; 125 when the bridge itself cannot
//        start (bad arguments, port not free); 126/127 when the command cannot be run / is not found.
import { spawn } from 'node:child_process';
import net from 'node:net';
import process from 'node:process';

const USAGE = 'usage: node egress-bridge.mjs <port> <unix-socket-path> -- <command> [args...]';
const FORWARDED_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT'];
// Linux signal numbers (x86, ARM and the generic table agree on these); node:os is not imported.
const SIGNAL_NUMBERS = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGILL: 4,
  SIGTRAP: 5,
  SIGABRT: 6,
  SIGBUS: 7,
  SIGFPE: 8,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGSEGV: 11,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
  SIGSTKFLT: 16,
  SIGCHLD: 17,
  SIGCONT: 18,
  SIGSTOP: 19,
  SIGTSTP: 20,
  SIGTTIN: 21,
  SIGTTOU: 22,
  SIGURG: 23,
  SIGXCPU: 24,
  SIGXFSZ: 25,
  SIGVTALRM: 26,
  SIGPROF: 27,
  SIGWINCH: 28,
  SIGIO: 29,
  SIGPWR: 30,
  SIGSYS: 31,
};

function fail(message) {
  process.stderr.write(`egress-bridge: ${message}\n`);
  process.exit(125);
}

function parseArgs(argv) {
  if (argv.length < 4 || argv[2] !== '--') fail(USAGE);
  const port = /^\d{1,5}$/.test(argv[0]) ? Number(argv[0]) : NaN;
  if (!(port >= 1 && port <= 65535))
    fail(`port must be a number from 1 to 65535, got "${argv[0]}"\n${USAGE}`);
  if (argv[1] === '') fail(`the Unix socket path is empty\n${USAGE}`);
  return { port, socketPath: argv[1], command: argv[3], args: argv.slice(4) };
}

/** Pipe one TCP connection to a fresh connection to the proxy; half-closes pass through. */
function relay(tcp, socketPath) {
  const unix = net.connect({ path: socketPath, allowHalfOpen: true });
  const destroyBoth = () => {
    tcp.destroy();
    unix.destroy();
  };
  tcp.on('error', destroyBoth);
  unix.on('error', destroyBoth);
  // A clean close is handled by the pipes (end follows end); only an abnormal one tears down both.
  tcp.on('close', (hadError) => hadError && destroyBoth());
  unix.on('close', (hadError) => hadError && destroyBoth());
  tcp.pipe(unix);
  unix.pipe(tcp);
}

function listen(host, port, socketPath) {
  return new Promise((resolve, reject) => {
    const server = net.createServer({ allowHalfOpen: true }, (tcp) => relay(tcp, socketPath));
    server.once('error', reject);
    server.listen({ host, port, exclusive: true, ...(host === '::1' ? { ipv6Only: true } : {}) }, () => {
      server.off('error', reject);
      server.on('error', () => {});
      resolve(server);
    });
  });
}

async function main() {
  const { port, socketPath, command, args } = parseArgs(process.argv.slice(2));
  try {
    await listen('127.0.0.1', port, socketPath);
  } catch (error) {
    fail(`cannot listen on 127.0.0.1:${port}: ${error.message}; the command was not run`);
  }
  try {
    await listen('::1', port, socketPath);
  } catch {
    // no IPv6 on this loopback: 127.0.0.1 is enough
  }

  const child = spawn(command, args, { stdio: 'inherit' });
  for (const signal of FORWARDED_SIGNALS) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (error) => {
    process.stderr.write(`egress-bridge: cannot run ${command}: ${error.message}\n`);
    process.exit(error.code === 'ENOENT' ? 127 : 126);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (SIGNAL_NUMBERS[signal] ?? 0));
  });
}

main().catch((error) => fail(`internal error: ${error?.message ?? error}`));
