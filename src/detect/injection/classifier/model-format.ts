import { createHash } from 'node:crypto';
import type { FeatureConfig } from './feature-config.js';
import type { InjectionModel } from './injection-model.js';
import { modelUnavailable } from './model-error.js';

// File layout: MAGIC, u32 LE header length, UTF-8 JSON header, zero padding to 4 bytes, payload.
// The payload holds one weight per bucket, int8 with one scale (or float32); the header records
// its SHA-256 so a truncated or altered file is refused instead of scoring garbage.
const MAGIC = 'WDNINJ1\n';
const FORMAT = 'warden-injection-classifier';

type WeightEncoding = 'int8' | 'float32';

interface Header {
  format: typeof FORMAT;
  version: 1;
  features: FeatureConfig;
  weights: { encoding: WeightEncoding; count: number; scale: number; sha256: string };
  bias: number;
  calibration: InjectionModel['calibration'];
  thresholds: InjectionModel['thresholds'];
  training: InjectionModel['training'];
}

/**
 * Serialize a model. `int8` keeps a quarter of the size at a small precision cost (the training
 * script reports the metrics of the quantized weights).
 *
 * @example
 * writeFileSync('models/injection-classifier.bin', encodeInjectionModel(model, 'int8'));
 */
export function encodeInjectionModel(model: InjectionModel, encoding: WeightEncoding = 'int8'): Uint8Array {
  const w = model.weights;
  let payload: Uint8Array;
  let scale = 1;
  if (encoding === 'int8') {
    let max = 0;
    for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]!));
    scale = max > 0 ? max / 127 : 1;
    const q = new Int8Array(w.length);
    for (let i = 0; i < w.length; i++) q[i] = Math.round(w[i]! / scale);
    payload = new Uint8Array(q.buffer);
  } else {
    payload = new Uint8Array(Float32Array.from(w).buffer);
  }
  const header: Header = {
    format: FORMAT,
    version: 1,
    features: { ...model.features },
    weights: { encoding, count: w.length, scale, sha256: sha256(payload) },
    bias: model.bias,
    calibration: model.calibration,
    thresholds: model.thresholds,
    training: model.training,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerEnd = MAGIC.length + 4 + json.length;
  const payloadStart = Math.ceil(headerEnd / 4) * 4;
  const out = new Uint8Array(payloadStart + payload.length);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, json.length, true);
  out.set(json, MAGIC.length + 4);
  out.set(payload, payloadStart);
  return out;
}

/**
 * Parse and verify a model file. Throws `WardenError` (`DEPENDENCY_UNAVAILABLE`) on any
 * structural problem or checksum mismatch.
 *
 * @example
 * const model = decodeInjectionModel(readFileSync('models/injection-classifier.bin'));
 */
export function decodeInjectionModel(bytes: Uint8Array): InjectionModel {
  if (
    bytes.length < MAGIC.length + 4 ||
    new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC
  ) {
    throw modelUnavailable('not a Warden injection model file (bad magic)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(MAGIC.length, true);
  const headerEnd = MAGIC.length + 4 + headerLength;
  if (headerEnd > bytes.length) throw modelUnavailable('model file truncated inside its header');
  let header: Header;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(MAGIC.length + 4, headerEnd)),
    );
  } catch (e) {
    throw modelUnavailable('model header is not valid JSON', e);
  }
  checkHeader(header);
  const { encoding, count, scale, sha256: expected } = header.weights;
  const payloadStart = Math.ceil(headerEnd / 4) * 4;
  const size = encoding === 'int8' ? count : count * 4;
  if (bytes.length !== payloadStart + size) {
    throw modelUnavailable(`model weights are ${bytes.length - payloadStart} bytes, expected ${size}`);
  }
  const payload = bytes.subarray(payloadStart);
  if (sha256(payload) !== expected)
    throw modelUnavailable('model weights fail their checksum (corrupt file)');
  const weights = new Float32Array(count);
  if (encoding === 'int8') {
    const q = new Int8Array(payload.buffer, payload.byteOffset, count);
    for (let i = 0; i < count; i++) weights[i] = q[i]! * scale;
  } else {
    const copy = payload.slice(); // aligned copy
    weights.set(new Float32Array(copy.buffer, 0, count));
  }
  return {
    features: Object.freeze({ ...header.features }),
    weights,
    bias: header.bias,
    calibration: header.calibration,
    thresholds: Object.freeze({ ...header.thresholds }),
    training: header.training,
  };
}

function checkHeader(h: Header): void {
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  const f = h?.features;
  const ok =
    h?.format === FORMAT &&
    h.version === 1 &&
    f !== null &&
    typeof f === 'object' &&
    Number.isInteger(f.bits) &&
    Number.isInteger(f.seed) &&
    Number.isInteger(f.charMin) &&
    Number.isInteger(f.charMax) &&
    typeof f.wordBigrams === 'boolean' &&
    finite(f.norm) &&
    Number.isInteger(f.window) &&
    Number.isInteger(f.stride) &&
    (h.weights?.encoding === 'int8' || h.weights?.encoding === 'float32') &&
    h.weights.count === 2 ** f.bits &&
    finite(h.weights.scale) &&
    typeof h.weights.sha256 === 'string' &&
    finite(h.bias) &&
    h.calibration?.method === 'platt' &&
    finite(h.calibration.a) &&
    finite(h.calibration.b) &&
    finite(h.thresholds?.user) &&
    finite(h.thresholds.tool);
  if (!ok) throw modelUnavailable('model header is missing fields or has an unsupported format/version');
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
