/**
 * A client that streams a huge request body over a raw socket as fast as the server takes it
 * and stops as soon as an answer arrives, so a test can see how much the server read before
 * refusing (and that it answered at all before the body was through).
 */
import type { Socket } from 'bun';

export interface FloodOptions {
  port: number;
  path: string;
  headers: Record<string, string>;
  /** Total body bytes to offer. */
  bodyBytes: number;
  /** Send without Content-Length, as `Transfer-Encoding: chunked`. */
  chunked?: boolean;
  /** Size of each write (and each chunk when chunked); 64 KiB by default. */
  chunkBytes?: number;
  /** Give up after this long (ms). */
  timeoutMs?: number;
}

export interface FloodResult {
  /** Status line of the answer; 0 if none came (closed or timed out first). */
  status: number;
  /** Body bytes (with chunk framing) the socket accepted before the answer (or the end). */
  bytesSent: number;
  ms: number;
  response: string;
}

export function flood(options: FloodOptions): Promise<FloodResult> {
  const started = performance.now();
  // Spaces: valid JSON whitespace, so only the size can be the problem.
  const CHUNK = new Uint8Array(options.chunkBytes ?? 64 * 1024).fill(0x20);
  return new Promise((resolve) => {
    let bytesSent = 0;
    let response = '';
    let finished = false;
    let pending: Uint8Array | null = null;
    const finish = (socket?: Socket<undefined>) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);
      resolve({ status, bytesSent, ms: Math.round(performance.now() - started), response });
      socket?.end();
    };
    const frame = (bytes: Uint8Array) => {
      if (!options.chunked) return bytes;
      const head = new TextEncoder().encode(`${bytes.byteLength.toString(16)}\r\n`);
      const out = new Uint8Array(head.byteLength + bytes.byteLength + 2);
      out.set(head);
      out.set(bytes, head.byteLength);
      out.set([13, 10], head.byteLength + bytes.byteLength);
      return out;
    };
    /** Writes until the socket pushes back; resumes on drain. */
    const pump = (socket: Socket<undefined>) => {
      while (!finished && bytesSent < options.bodyBytes) {
        const next = pending ?? frame(CHUNK);
        const written = Math.max(socket.write(next), 0);
        bytesSent += written;
        if (written < next.byteLength) {
          pending = next.subarray(written);
          return;
        }
        pending = null;
      }
      if (options.chunked && bytesSent >= options.bodyBytes) socket.write('0\r\n\r\n');
    };
    const timer = setTimeout(() => finish(), options.timeoutMs ?? 30_000);
    void Bun.connect({
      hostname: '127.0.0.1',
      port: options.port,
      socket: {
        open(socket) {
          const lines = [`POST ${options.path} HTTP/1.1`, 'Host: 127.0.0.1'];
          for (const [name, value] of Object.entries(options.headers)) {
            lines.push(`${name}: ${value}`);
          }
          lines.push(
            options.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${options.bodyBytes}`,
          );
          socket.write(`${lines.join('\r\n')}\r\n\r\n`);
          pump(socket);
        },
        drain(socket) {
          pump(socket);
        },
        data(socket, chunk) {
          response += chunk.toString();
          if (response.includes('\r\n\r\n')) finish(socket);
        },
        close() {
          finish();
        },
        error() {
          finish();
        },
      },
    }).catch(() => finish());
  });
}
