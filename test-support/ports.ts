/** Small port probes shared by the service detection and the browser suites' stacks. */
import { connect } from 'node:net';

/** True when something accepts TCP connections on host:port (within a second). */
export function isListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Other browser specs (or a dev stack) may hold the extension's fixed ports for a
 * while on a shared machine: wait for them instead of failing on EADDRINUSE.
 */
export async function waitForFreePorts(
  ports: number[],
  opts: { timeoutMs: number; label: string },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const busy: number[] = [];
    for (const port of ports) if (await isListening('127.0.0.1', port)) busy.push(port);
    if (busy.length === 0) return;
    if (Date.now() > deadline) throw new Error(`ports ${busy.join(', ')} stay in use`);
    console.log(`[${opts.label}] waiting for port(s) ${busy.join(', ')} to be free`);
    await Bun.sleep(2000);
  }
}
