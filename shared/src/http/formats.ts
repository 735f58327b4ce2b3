import { FormatRegistry } from '@sinclair/typebox';

/** RFC 3339 date-time, as `Date.prototype.toISOString` writes it (and offsets). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * TypeBox checks `format` only for formats in its registry and fails the rest. Elysia fills
 * the registry on the backend; the extension has no Elysia, so the HTTP schemas register the
 * one format they use themselves (and leave one already there alone).
 */
export function registerDateTimeFormat(): void {
  if (!FormatRegistry.Has('date-time')) {
    FormatRegistry.Set(
      'date-time',
      (value) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
    );
  }
}
