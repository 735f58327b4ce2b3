/**
 * In a JSON log every line must be one JSON object, including what libraries print with
 * console.* on their own. The production entry point routes console output through the log.
 */
import { format } from 'node:util';
import type { StructuredLogger } from './logger.ts';

export function routeConsoleTo(log: StructuredLogger): void {
  const info = (...args: unknown[]) => log.info(format(...args));
  console.log = info;
  console.info = info;
  console.debug = info;
  console.warn = (...args: unknown[]) => log.warn(format(...args));
  console.error = (...args: unknown[]) => log.error(format(...args));
}
