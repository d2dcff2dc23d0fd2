import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { Reason } from '../decision.js';
import { denyReason } from '../decision.js';

/** Validates a tool's arguments; returns deny reasons, empty when valid. */
export type ArgsValidator = (args: Record<string, unknown>) => Reason[];

/** Compiles argument JSON Schemas; see {@link createSchemaCompiler}. */
export type SchemaCompiler = (schema: Record<string, unknown>) => ArgsValidator;

/**
 * A schema compiler with its own Ajv instance, one per compiled profile: schemas with the same
 * `$id` in two configs (or two loads of one config) must not collide, and a `$ref` must not reach
 * another profile's schemas. Ajv itself is loaded on first use: most profiles have no schemas, and
 * it costs ~40 ms of CLI start-up. Compiling throws with Ajv's message when a schema is bad.
 *
 * @example
 * const compile = createSchemaCompiler();
 * const check = compile({ type: 'object', properties: { q: { type: 'string' } }, additionalProperties: false });
 * check({ q: 1 }) // [{ rule: 'args.schema', effect: 'deny', message: 'q: must be string' }]
 */
export function createSchemaCompiler(): SchemaCompiler {
  let ajv: Ajv2020 | undefined;
  return (schema) => {
    if (!ajv) {
      const { Ajv2020: AjvClass } = createRequire(import.meta.url)('ajv/dist/2020.js') as {
        Ajv2020: typeof Ajv2020;
      };
      ajv = new AjvClass({ allErrors: true, strict: true, allowUnionTypes: true });
    }
    const validate = ajv.compile(schema);
    return (args) => {
      if (validate(args)) return [];
      const errors: { instancePath: string; message?: string; params?: Record<string, unknown> }[] =
        validate.errors ?? [{ instancePath: '', message: 'invalid' }];
      return errors.map((e) => {
        const where = e.instancePath ? e.instancePath.slice(1).replaceAll('/', '.') : '(arguments)';
        const extra =
          e.params && 'additionalProperty' in e.params ? ` "${String(e.params.additionalProperty)}"` : '';
        return denyReason('args.schema', `${where}: ${e.message ?? 'invalid'}${extra}`);
      });
    };
  };
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * The fixed argument shape of a built-in tool: known properties with their types, nothing else.
 * Hand-written because it runs on every call and needs no schema compiler.
 */
export function checkBuiltinShape(
  props: Readonly<Record<string, string>>,
  required: readonly string[],
  args: Record<string, unknown>,
  values: Readonly<Record<string, readonly string[]>> = {},
): Reason[] {
  const reasons: Reason[] = [];
  for (const [key, allowed] of Object.entries(values)) {
    const v = args[key];
    if (typeof v === 'string' && !allowed.includes(v.toUpperCase())) {
      reasons.push(denyReason('args.value', `argument "${key}" must be one of ${allowed.join(', ')}`, key));
    }
  }
  for (const key of Object.keys(args)) {
    const want = props[key];
    if (want === undefined) reasons.push(denyReason('args.unknown', `unknown argument "${key}"`, key));
    else if (
      args[key] !== undefined &&
      typeOf(args[key]) !== want &&
      !(want === 'number' && typeOf(args[key]) === 'integer')
    ) {
      reasons.push(
        denyReason('args.type', `argument "${key}" must be ${want}, got ${typeOf(args[key])}`, key),
      );
    }
  }
  for (const key of required) {
    if (args[key] === undefined)
      reasons.push(denyReason('args.missing', `argument "${key}" is required`, key));
  }
  return reasons;
}
