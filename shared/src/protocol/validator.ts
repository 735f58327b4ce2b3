import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value, type ValueError } from '@sinclair/typebox/value';

/**
 * One schema, two ways to check it.
 *
 * `TypeCompiler` generates a checker with `new Function`: fast, and fine in Bun. Extension
 * pages and MV3 content scripts run under a CSP that forbids `eval`/`new Function` (shown in
 * Chromium by shared/test/csp-validation.test.ts), so there compiling throws an EvalError. We try to compile once, lazily, and fall back to
 * TypeBox's interpreter (`Value.Check` / `Value.Errors`), which accepts exactly the same
 * values. Callers never need to know which one they got.
 */
export interface Validator {
  readonly mode: 'compiled' | 'interpreted';
  check(value: unknown): boolean;
  firstError(value: unknown): ValueError | undefined;
}

export type ValidatorMode = 'auto' | 'compiled' | 'interpreted';

/** How a schema gets compiled; swappable so tests can play a CSP that forbids codegen. */
export type SchemaCompiler = (schema: TSchema) => (value: unknown) => boolean;

const typeboxCompiler: SchemaCompiler = (schema) => {
  const compiled = TypeCompiler.Compile(schema);
  return (value) => compiled.Check(value);
};

function interpreted(schema: TSchema): Validator {
  return {
    mode: 'interpreted',
    check: (value) => Value.Check(schema, value),
    firstError: (value) => Value.Errors(schema, value).First(),
  };
}

export function createValidator(
  schema: TSchema,
  mode: ValidatorMode = 'auto',
  compiler: SchemaCompiler = typeboxCompiler,
): Validator {
  if (mode === 'interpreted') return interpreted(schema);
  let check: (value: unknown) => boolean;
  try {
    check = compiler(schema);
  } catch (error) {
    if (mode === 'compiled') throw error;
    return interpreted(schema);
  }
  return {
    mode: 'compiled',
    check,
    // Errors are only needed on the slow path (a bad message), so the interpreter is enough.
    firstError: (value) => Value.Errors(schema, value).First(),
  };
}
