/** What the orchestrator (load.ts) and the client worker processes say to each other over IPC. */
import type { Histogram } from './histogram.ts';
import type { RoomRates } from './schedule.ts';

/** How the clients talk: our protocol, a bare relay, or socket.io. */
export type Wire = 'kino' | 'bare' | 'socketio';

export type Placement = 'spread' | 'room';

export interface RoomAssignment {
  index: number;
  /** The server's room id (kino) or any unique name (baselines). */
  id: string;
  size: number;
}

export interface WorkerAssignment {
  wire: Wire;
  /** Base URLs (http://127.0.0.1:port) of the server instances. */
  urls: string[];
  /**
   * Which instance a member connects to: `spread` — member m of a room uses m % n (every room
   * spans instances); `room` — every member of room r uses r % n, as a balancer hashing the
   * room id gives (deploy/haproxy/kino.cfg).
   */
  placement: Placement;
  rooms: RoomAssignment[];
  seed: number;
  rates: RoomRates;
  /** Saturation phase: a connection sends at most once per this gap. */
  saturationGapMs: number;
  /** Joins in flight at once per worker. */
  connectConcurrency: number;
}

export type Phase = 'realistic' | 'saturation';

export interface PhaseStats {
  phase: Phase;
  durationMs: number;
  sentChat: number;
  sentCommands: number;
  /** Fan-out messages that reached another member of the sender's room. */
  delivered: number;
  /** The sender's own copy (our hub acknowledges by echo; relays do not echo). */
  echoes: number;
  /** send → each other member's receipt, ms. */
  latency: Histogram;
  /** Expected deliveries that never arrived (within the phase's grace period). */
  undelivered: number;
  /** Fan-out messages that matched nothing in flight (duplicates, strays). */
  unmatched: number;
  /** Error frames from the server by code, plus client-side failures. */
  errors: Record<string, number>;
  unexpectedCloses: number;
  /** Connections open at the end of the phase. */
  held: number;
  /** Per second of the phase: deliveries, the slowest one (ms), and how many took > 50 ms. */
  timeline: SecondStats[];
}

export interface SecondStats {
  count: number;
  maxMs: number;
  over50: number;
}

export interface ConnectReport {
  attempted: number;
  connected: number;
  failed: number;
  /** A few failure messages, for the log. */
  samples: string[];
  elapsedMs: number;
}

export type ToWorker =
  | { type: 'start'; assignment: WorkerAssignment }
  | { type: 'phase'; phase: Phase; durationMs: number }
  | { type: 'close' };

export type FromWorker =
  | { type: 'connected'; report: ConnectReport }
  | { type: 'phase-done'; stats: PhaseStats }
  | { type: 'closed' }
  | { type: 'fatal'; message: string };
