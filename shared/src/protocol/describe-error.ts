import { type ValueError, ValueErrorType } from '@sinclair/typebox/value';

/** "/you/name" → "you.name"; the root is called "message". */
export function fieldName(path: string): string {
  if (path === '') return 'message';
  return path.slice(1).split('/').join('.');
}

/** Turns TypeBox's first validation error into one short sentence a developer can act on. */
export function describeValueError(error: ValueError): string {
  const field = fieldName(error.path);
  switch (error.type) {
    case ValueErrorType.ObjectAdditionalProperties:
      return `unexpected property "${field}"`;
    case ValueErrorType.ObjectRequiredProperty:
      return `"${field}" is required`;
    case ValueErrorType.ObjectMinProperties:
      return `${field} needs at least one field to change`;
    case ValueErrorType.StringPattern:
      return error.schema.pattern === '\\S'
        ? `${field} must not be blank`
        : `${field} must match ${String(error.schema.pattern)}`;
    case ValueErrorType.Union:
      return `${field} is not one of the allowed values`;
    default:
      return `${field}: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`;
  }
}
