/** Entry point: read the config from the environment and listen. */
import { startBackend } from './main.ts';

const backend = await startBackend();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void backend.stop().then(() => process.exit(0));
  });
}
