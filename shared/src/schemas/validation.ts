import type { z } from 'zod';
import { type InputOf, type RecordOf, type TableName, tableSchemas } from './tables';
import { ValidationError } from './validation-error';

export { type FieldIssue, fieldPath, ValidationError } from './validation-error';

const quoted = (v: unknown) => (typeof v === 'string' ? `'${v}'` : String(v));

const typeNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/**
 * Plain texts for the checks that carry none of their own. zod's defaults ("Invalid option: expected
 * one of …", "Too small: expected string to have >=1 characters") read poorly after a field name;
 * a schema's own text always wins over these (zod: schema-level error before per-parse error).
 */
const plainReasons: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${typeNames[issue.expected] ?? `a ${issue.expected}`}`;
    case 'invalid_value':
      if (issue.values.length === 1) return `must be ${quoted(issue.values[0])}`;
      if (issue.values.length === 2) return `must be ${issue.values.map(quoted).join(' or ')}`;
      return `must be one of ${issue.values.map(quoted).join(', ')}`;
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = small ? issue.minimum : issue.maximum;
      if (issue.origin === 'string') {
        if (small && Number(limit) === 1) return 'must not be empty';
        return `must be at ${small ? 'least' : 'most'} ${limit} characters`;
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        return `must have at ${small ? 'least' : 'most'} ${limit} items`;
      }
      if (issue.inclusive === false) return `must be ${small ? 'more' : 'less'} than ${limit}`;
      return `must be at ${small ? 'least' : 'most'} ${limit}`;
    }
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_format':
      return issue.format === 'regex' ? 'is not in the expected format' : `must be a valid ${issue.format}`;
    case 'unrecognized_keys':
      return `has unknown field(s) ${issue.keys.join(', ')}`;
    default:
      return undefined;
  }
};

/**
 * Validates a row for `table` and returns the parsed, normalised record.
 * Fields the schema does not know are dropped silently (zod's default for objects), not refused.
 * @throws ValidationError naming each bad field.
 * @example parseRecord('contacts', row).displayName
 */
export function parseRecord<T extends TableName>(table: T, input: InputOf<T> | unknown): RecordOf<T> {
  const result = tableSchemas[table].safeParse(input, { error: plainReasons, reportInput: true });
  if (!result.success) throw ValidationError.fromZod(table, result.error);
  return result.data as RecordOf<T>;
}
