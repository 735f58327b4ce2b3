/**
 * Entry point (`bun run start` in production): read the config, log as it says (JSON lines in
 * production), listen, and shut down gracefully on SIGTERM/SIGINT (shutdown.ts).
 */
import { logFormatOf, parseConfig } from './config.ts';
import { routeConsoleTo } from './log/console-capture.ts';
import { createLogger, errorField, type StructuredLogger } from './log/logger.ts';
import { startBackend } from './main.ts';
import { exitOnSignals } from './shutdown.ts';

let log: StructuredLogger = createLogger({ format: logFormatOf(process.env) });

/** In a JSON log even a crash is one JSON line; the process still exits as it would. */
function crash(what: string) {
  return (error: unknown) => {
    log.error(what, { error: errorField(error) });
    process.exit(1);
  };
}

try {
  const config = parseConfig(process.env);
  log = createLogger({ format: config.logFormat, fields: { instance: config.instanceId } });
  if (config.logFormat === 'json') {
    routeConsoleTo(log);
    process.on('uncaughtException', crash('uncaught exception'));
    process.on('unhandledRejection', crash('unhandled rejection'));
  }
  const backend = await startBackend(config, { log });
  if (config.mode === 'production' && !config.storeLinks.chrome && !config.storeLinks.firefox) {
    log.warn(
      'the invite page names the stores without links: KINO_CHROME_STORE_URL and KINO_FIREFOX_STORE_URL are unset',
    );
  }
  exitOnSignals({
    stop: () => backend.stop(),
    log,
    onSignal: (signal, handler) => process.on(signal, handler),
    exit: (code) => process.exit(code),
  });
} catch (error) {
  // A bad setting or an unreachable store: say which, without a stack trace to dig through.
  log.error(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
