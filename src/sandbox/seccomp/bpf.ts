// Classic BPF, the subset a seccomp filter uses: struct sock_filter { u16 code; u8 jt; u8 jf; u32 k }.

/** One instruction. Jump offsets count instructions after this one (0..255). */
export interface BpfInstruction {
  readonly code: number;
  readonly jt: number;
  readonly jf: number;
  readonly k: number;
}

// Opcodes (linux/bpf_common.h): class | size | mode, or class | op | source.
const BPF_LD_W_ABS = 0x00 | 0x00 | 0x20;
const BPF_JMP_JEQ_K = 0x05 | 0x10 | 0x00;
const BPF_JMP_JGE_K = 0x05 | 0x30 | 0x00;
const BPF_JMP_JSET_K = 0x05 | 0x40 | 0x00;
const BPF_RET_K = 0x06 | 0x00;

/** The kernel's limit on a filter's length (BPF_MAXINSNS). */
export const BPF_MAX_INSTRUCTIONS = 4096;

function instruction(code: number, k: number, jt = 0, jf = 0): BpfInstruction {
  if (!Number.isInteger(k) || k < 0 || k > 0xffffffff)
    throw new RangeError(`BPF constant out of range: ${k}`);
  if (!(jt >= 0 && jt <= 255 && jf >= 0 && jf <= 255))
    throw new RangeError(`BPF jump out of range: ${jt}/${jf}`);
  return { code, jt, jf, k };
}

/** Load the 32-bit word at `offset` of `struct seccomp_data` into the accumulator. */
export const loadWord = (offset: number): BpfInstruction => instruction(BPF_LD_W_ABS, offset);
/** If accumulator == k skip `jt` instructions, else skip `jf`. */
export const jumpIfEqual = (k: number, jt: number, jf: number): BpfInstruction =>
  instruction(BPF_JMP_JEQ_K, k, jt, jf);
/** If accumulator >= k (unsigned) skip `jt`, else `jf`. */
export const jumpIfAtLeast = (k: number, jt: number, jf: number): BpfInstruction =>
  instruction(BPF_JMP_JGE_K, k, jt, jf);
/** If accumulator & k is non-zero skip `jt`, else `jf`. */
export const jumpIfAnyBit = (k: number, jt: number, jf: number): BpfInstruction =>
  instruction(BPF_JMP_JSET_K, k, jt, jf);
/** Return `k` (a SECCOMP_RET_* action) from the filter. */
export const ret = (k: number): BpfInstruction => instruction(BPF_RET_K, k);

/**
 * Serialize a program as the kernel (and `bwrap --seccomp FD`) reads it: 8 bytes per
 * instruction, little-endian (the byte order of every architecture we emit for).
 *
 * @example
 * encodeProgram([ret(0x7fff0000)]) // 8 bytes: 06 00 00 00 00 00 ff 7f
 */
export function encodeProgram(program: readonly BpfInstruction[]): Buffer {
  if (program.length === 0 || program.length > BPF_MAX_INSTRUCTIONS) {
    throw new RangeError(`a BPF program has 1..${BPF_MAX_INSTRUCTIONS} instructions, not ${program.length}`);
  }
  const out = Buffer.alloc(program.length * 8);
  program.forEach((ins, i) => {
    out.writeUInt16LE(ins.code, i * 8);
    out.writeUInt8(ins.jt, i * 8 + 2);
    out.writeUInt8(ins.jf, i * 8 + 3);
    out.writeUInt32LE(ins.k >>> 0, i * 8 + 4);
  });
  return out;
}
