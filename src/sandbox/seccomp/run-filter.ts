import type { BpfInstruction } from './bpf.js';

/** What a seccomp filter sees of one system call. */
export interface SyscallProbe {
  nr: number;
  arch: number;
  /** Up to six arguments, as unsigned 64-bit values. */
  args?: readonly bigint[];
}

/**
 * Run a seccomp program on one syscall, as the kernel would, for the instruction subset
 * `bpf.ts` emits (absolute word loads, jeq/jge/jset with constants, ret). Used by tests to check
 * every path of a filter without loading it; throws on anything it does not model.
 *
 * @example
 * runFilter(program, { nr: 101, arch: 0xc000003e }) // 0x00050001: EPERM for ptrace
 */
export function runFilter(program: readonly BpfInstruction[], probe: SyscallProbe): number {
  const data = Buffer.alloc(64);
  data.writeUInt32LE(probe.nr >>> 0, 0);
  data.writeUInt32LE(probe.arch >>> 0, 4);
  (probe.args ?? []).forEach((a, i) => data.writeBigUInt64LE(BigInt.asUintN(64, a), 16 + 8 * i));
  let acc = 0;
  for (let pc = 0; pc < program.length; pc++) {
    const ins = program[pc]!;
    switch (ins.code) {
      case 0x20:
        if (ins.k % 4 !== 0 || ins.k > 60) throw new Error(`bad load offset ${ins.k}`);
        acc = data.readUInt32LE(ins.k);
        break;
      case 0x15:
        pc += acc === ins.k ? ins.jt : ins.jf;
        break;
      case 0x35:
        pc += acc >= ins.k ? ins.jt : ins.jf;
        break;
      case 0x45:
        pc += (acc & ins.k) !== 0 ? ins.jt : ins.jf;
        break;
      case 0x06:
        return ins.k >>> 0;
      default:
        throw new Error(`instruction ${ins.code.toString(16)} not modelled`);
    }
  }
  throw new Error('filter fell off its end without returning');
}
