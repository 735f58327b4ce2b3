/**
 * Pings for the clock offset — a burst right after every welcome (the first estimate must be
 * good at once), then one a second for the next half minute (the estimate intersects every
 * sample's interval, so each more sample narrows it: through 80 ± 30 ms links five samples
 * left members ~5 ms apart, thirty leave ~1–2 ms), then one every 15 s — and the dead-socket
 * watch: no frame for 40 s (pongs come every 15 s) means the socket is gone even if it looks
 * open, so reconnect.
 */
const PING_BURST = 5;
const PING_BURST_GAP_MS = 150;
/** Pings a second apart after the burst (each sample's delays are a fresh draw). */
export const PING_FAST_COUNT = 30;
const PING_FAST_INTERVAL_MS = 1000;
const PING_INTERVAL_MS = 15_000;
const SILENCE_LIMIT_MS = 40_000;

/** How long after the last ping the next is due, given the pings since the last welcome. */
export function pingIntervalMs(pingsSinceWelcome: number): number {
  return pingsSinceWelcome < PING_BURST + PING_FAST_COUNT
    ? PING_FAST_INTERVAL_MS
    : PING_INTERVAL_MS;
}

export interface HeartbeatDeps {
  now: () => number;
  /** Sends a ping stamped with `t0` (dropped when not connected). */
  ping: (id: number, t0: number) => void;
  reconnect: () => void;
}

export class Heartbeat {
  private nextId = 0;
  private lastPingAt = 0;
  private sinceWelcome = 0;
  private lastFrameAt = 0;
  private readonly burst = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: HeartbeatDeps) {}

  /** Any frame from the server: the socket is alive. */
  heard(): void {
    this.lastFrameAt = this.deps.now();
  }

  /** Joined (again): measure the clock offset afresh. */
  welcomed(): void {
    this.sinceWelcome = 0;
    for (let i = 0; i < PING_BURST; i++) {
      const timer = setTimeout(() => {
        this.burst.delete(timer);
        this.ping();
      }, i * PING_BURST_GAP_MS);
      this.burst.add(timer);
    }
  }

  /** Called every second while connected. */
  tick(): void {
    const now = this.deps.now();
    // The ticks come a second apart, give or take: a little slack keeps the fast pings in step.
    if (now - this.lastPingAt >= pingIntervalMs(this.sinceWelcome) - 100) {
      this.ping();
    }
    if (now - this.lastFrameAt > SILENCE_LIMIT_MS) {
      this.lastFrameAt = now;
      this.deps.reconnect();
    }
  }

  dispose(): void {
    for (const timer of this.burst) clearTimeout(timer);
    this.burst.clear();
  }

  private ping(): void {
    this.lastPingAt = this.deps.now();
    this.sinceWelcome++;
    this.deps.ping(this.nextId++, this.lastPingAt);
  }
}
