/**
 * One simulated room of members, all in this worker process, so a message's send time
 * and every other member's receipt are read from the same clock (performance.now()).
 * The room registers what it sent under a key and counts it down as members receive it.
 */
import { emptyHistogram, record } from '../histogram.ts';
import {
  firstAt,
  nextAction,
  nextAt,
  nextSaturatedSend,
  pickMember,
  type Rng,
  type RoomRates,
} from '../schedule.ts';
import { noteSecond } from '../timeline.ts';
import type { Phase, PhaseStats, RoomAssignment } from '../types.ts';
import type { Link, LinkEvents } from './transport.ts';

interface InFlight {
  sentAt: number;
  remaining: number;
}

/** Lines as people write them, in both languages the product speaks. */
const LINES = ['Смотрите, какой кадр!', 'Wait, who is that?', 'Ахаха 😂', 'Pause for tea?'];

export class RoomSim {
  readonly links: (Link | null)[];
  private readonly pending = new Map<string, InFlight>();
  private seq = 0;
  private playing = false;
  private counter = 0;
  private nextChatAt = 0;
  private nextCommandAt = 0;
  // Saturation: one message in flight, members take turns.
  private inFlight: string | null = null;
  private turn = 0;
  private readonly lastSentAt: number[];
  /** Saturation: the least time between two sends of one connection. */
  private satGapMs = 250;
  stats: PhaseStats | null = null;
  /** performance.now() at the start of the phase (for the per-second timeline). */
  phaseStartedAt = 0;
  /** False once the phase is over: what is in flight may land, nothing new goes out. */
  private sending = false;

  constructor(
    readonly room: RoomAssignment,
    private readonly rng: Rng,
    /** The clock sends and receipts are stamped with; tests pass a fake one. */
    private readonly now: () => number = () => performance.now(),
  ) {
    this.links = Array.from({ length: room.size }, () => null);
    this.lastSentAt = Array.from({ length: room.size }, () => Number.NEGATIVE_INFINITY);
  }

  /** Events of member `m`'s link. */
  eventsFor(m: number): LinkEvents {
    return {
      delivered: (key, ownEcho) => this.onDelivered(key, ownEcho),
      seq: (seq) => {
        if (seq > this.seq) this.seq = seq;
      },
      error: (code, ref) => {
        this.count(`error:${code}`);
        // A refused command or chat will never fan out: stop waiting for it.
        if (code === 'stale' || code === 'rate_limited' || code === 'not_allowed') {
          if (ref !== undefined) this.pending.delete(ref);
        }
      },
      closedUnexpectedly: () => {
        if (this.stats) this.stats.unexpectedCloses += 1;
        this.links[m] = null;
      },
    };
  }

  private count(what: string): void {
    if (this.stats) this.stats.errors[what] = (this.stats.errors[what] ?? 0) + 1;
  }

  private onDelivered(key: string, ownEcho: boolean): void {
    const stats = this.stats;
    if (ownEcho) {
      if (stats) stats.echoes += 1;
      return;
    }
    const flight = this.pending.get(key);
    if (!flight) {
      if (stats) stats.unmatched += 1;
      return;
    }
    const now = this.now();
    if (stats) {
      const ms = now - flight.sentAt;
      stats.delivered += 1;
      record(stats.latency, ms);
      noteSecond(stats, Math.floor((now - this.phaseStartedAt) / 1000), ms);
    }
    flight.remaining -= 1;
    if (flight.remaining > 0) return;
    this.pending.delete(key);
    if (this.inFlight === key) {
      this.inFlight = null;
      this.saturatedTick(now, this.satGapMs);
    }
  }

  /** Receivers a message should reach: the other members that are connected. */
  private receivers(sender: number): number {
    return this.links.filter((l, i) => i !== sender && l?.isOpen()).length;
  }

  startRealistic(now: number, rates: RoomRates): void {
    this.sending = true;
    this.phaseStartedAt = now;
    this.nextChatAt = firstAt(now, rates.chatEveryMs, this.rng);
    this.nextCommandAt = firstAt(now, rates.commandEveryMs, this.rng);
  }

  realisticTick(now: number, rates: RoomRates): void {
    if (!this.sending) return;
    if (now >= this.nextChatAt) {
      this.nextChatAt = nextAt(this.nextChatAt, rates.chatEveryMs, this.rng);
      this.sendChat(pickMember(this.room.size, this.rng));
    }
    if (now >= this.nextCommandAt) {
      this.nextCommandAt = nextAt(this.nextCommandAt, rates.commandEveryMs, this.rng);
      this.sendCommand(pickMember(this.room.size, this.rng));
    }
  }

  private sendChat(member: number): string | null {
    const link = this.links[member];
    const receivers = this.receivers(member);
    if (!link?.isOpen() || receivers === 0) return null;
    const n = ++this.counter;
    const key = `bench_${this.room.index}_${n}`;
    this.pending.set(key, { sentAt: this.now(), remaining: receivers });
    link.sendChat(key, `${LINES[n % LINES.length]} #${n}`);
    if (this.stats) this.stats.sentChat += 1;
    return key;
  }

  private sendCommand(member: number): void {
    const link = this.links[member];
    const receivers = this.receivers(member);
    if (!link?.isOpen() || receivers === 0) return;
    const action = nextAction(this.playing, this.rng);
    const position = Math.round(this.rng() * 5_400_000) / 1000;
    const sentAt = this.now();
    const key = link.sendCommand(action, this.seq, position, ++this.counter);
    this.pending.set(key, { sentAt, remaining: receivers });
    if (action !== 'seek') this.playing = action === 'play';
    if (this.stats) this.stats.sentCommands += 1;
  }

  startSaturation(now: number, gapMs: number): void {
    this.sending = true;
    this.phaseStartedAt = now;
    this.satGapMs = gapMs;
    this.inFlight = null;
  }

  /** Sends the next chat line if none is in flight and the member whose turn it is may. */
  saturatedTick(now: number, gapMs: number): void {
    if (!this.sending || this.inFlight !== null || this.stats?.phase !== 'saturation') return;
    const member = this.turn;
    if (nextSaturatedSend(now, this.lastSentAt[member]!, gapMs) > now) return;
    this.turn = (this.turn + 1) % this.room.size;
    this.lastSentAt[member] = now;
    this.inFlight = this.sendChat(member);
  }

  stopSending(): void {
    this.sending = false;
  }

  /** A lost message must not stall the closed loop forever. */
  unstick(now: number, afterMs: number): void {
    if (this.inFlight === null) return;
    const flight = this.pending.get(this.inFlight);
    if (!flight || now - flight.sentAt > afterMs) this.inFlight = null;
  }

  /** Stops waiting: whatever is still in flight counts as undelivered. */
  settle(): number {
    let missing = 0;
    for (const flight of this.pending.values()) missing += flight.remaining;
    this.pending.clear();
    this.inFlight = null;
    return missing;
  }

  get inFlightCount(): number {
    return this.pending.size;
  }

  get openLinks(): number {
    return this.links.filter((l) => l?.isOpen()).length;
  }
}

/** Empty counters for one phase; every room of a worker writes into the same ones. */
export function newPhaseStats(phase: Phase): PhaseStats {
  return {
    phase,
    durationMs: 0,
    sentChat: 0,
    sentCommands: 0,
    delivered: 0,
    echoes: 0,
    latency: emptyHistogram(),
    undelivered: 0,
    unmatched: 0,
    errors: {},
    unexpectedCloses: 0,
    held: 0,
    timeline: [],
  };
}
