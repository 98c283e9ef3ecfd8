// The error a refused record throws, apart from the schemas: code that only reports validation
// errors (the side panel's error texts) does not load zod at run time.
import type { z } from 'zod';

export interface FieldIssue {
  /** Dotted path of the field, e.g. `emails[0].address`; empty for the record itself. */
  field: string;
  reason: string;
}

/** Formats a zod path as `emails[0].address`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** A record that a schema refused: the message names every field and the reason. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly entity: string,
    readonly issues: FieldIssue[],
  ) {
    super(
      `Invalid ${entity}: ${issues.map((i) => (i.field ? `${i.field} ${i.reason}` : i.reason)).join('; ')}`,
    );
  }

  static fromZod(entity: string, error: z.ZodError): ValidationError {
    return new ValidationError(
      entity,
      error.issues.map((issue) => ({ field: fieldPath(issue.path), reason: reasonOf(issue) })),
    );
  }
}

function reasonOf(issue: z.core.$ZodIssue): string {
  // A missing field reads "is required" even where the schema has its own text for a wrong value
  // ("must be a UUIDv7 id" would send the user looking for a bad id that is not there). `input` is
  // present on the issue only when the parse ran with `reportInput`; the message test covers errors
  // from parses without it.
  const missing =
    issue.path.length > 0 &&
    (issue.code === 'invalid_type' || issue.code === 'invalid_value') &&
    (('input' in issue && issue.input === undefined) || issue.message.includes('received undefined'));
  if (missing) return 'is required';
  if (issue.code === 'unrecognized_keys') return `has unknown field(s) ${issue.keys.join(', ')}`;
  return issue.message;
}
