import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { InjectionModel } from './injection-model.js';
import { decodeInjectionModel } from './model-format.js';
import { modelUnavailable } from './model-error.js';

/**
 * The shipped weights: models/ at the package root. This file sits at
 * dist/detect/injection/classifier/ (or src/… under tests), four levels below the root.
 */
export const DEFAULT_MODEL_URL = new URL('../../../../models/injection-classifier.bin', import.meta.url);

/**
 * Read and verify a model file. Throws `WardenError` with code `DEPENDENCY_UNAVAILABLE` when the
 * file is missing, unreadable or corrupt — a detector must never quietly score 0.
 *
 * @example
 * const model = loadInjectionModel(); // the shipped model
 * const custom = loadInjectionModel('/opt/models/injection-classifier.bin');
 */
export function loadInjectionModel(location: string | URL = DEFAULT_MODEL_URL): InjectionModel {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(location);
  } catch (e) {
    const where = location instanceof URL ? fileURLToPath(location) : location;
    throw modelUnavailable(
      `cannot read model file ${where} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      e,
    );
  }
  return decodeInjectionModel(bytes);
}
