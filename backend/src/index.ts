/** Entry point: read the config from the environment and listen. */
import { startBackend } from './main.ts';

try {
  const backend = await startBackend();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void backend.stop().then(() => process.exit(0));
    });
  }
} catch (error) {
  // A bad setting or an unreachable store: say which, without a stack trace to dig through.
  console.error(
    `[backend] cannot start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
