/*
 * Small bridges from our check functions (value → message | undefined) to
 * zod schemas, so structure and rules report issues the same way.
 */
import { z } from 'zod';
import { tryParseQuantity, MAX_QUANTITY_LENGTH } from '../sizing/quantity';

/** A string checked by `check`; `maxLength` bounds it before any check runs. */
export function checkedString(
  check: (value: string) => string | undefined,
  maxLength: number,
) {
  return z.string().superRefine((value, ctx) => {
    const problem =
      value.length > maxLength
        ? `must be at most ${maxLength} characters (it has ${value.length})`
        : check(value);
    if (problem) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }
  });
}

/** The message every positive-quantity rule uses. */
export function positiveQuantityProblem(
  value: string,
  example: string,
): string | undefined {
  const parsed = tryParseQuantity(value);
  if (parsed === undefined) {
    return `"${value.slice(
      0,
      MAX_QUANTITY_LENGTH,
    )}" is not a Kubernetes quantity (for example ${example})`;
  }
  if (parsed <= 0) {
    return `must be greater than zero (got ${value})`;
  }
  return undefined;
}

/** A positive Kubernetes quantity such as `64Gi`. */
export function positiveQuantity(example: string) {
  return checkedString(
    value => positiveQuantityProblem(value, example),
    MAX_QUANTITY_LENGTH,
  );
}
