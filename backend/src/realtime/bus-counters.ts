/**
 * What the bus costs one instance, counted as it happens (a few integer increments per event),
 * so the load benchmark can show that an instance hears only its own rooms: `received` should
 * equal `needed` (events of rooms it serves, made elsewhere); `stray` (events of rooms it no
 * longer serves) should stay near zero; `published` ÷ `broadcasts` is the share of events that
 * had to cross Redis at all (zero under full room affinity).
 */
export interface BusCounters {
  /** Room events its own members caused (each also handed to its local sockets at once). */
  broadcasts: number;
  /** Of those, how many another instance received (the bus told us how many inboxes). */
  publishedTo: number;
  /** Room events the bus brought in. */
  received: number;
  /** Of those, the ones for a room with members here (from another instance, or not local). */
  needed: number;
  /** Of those, events for a room nobody here is in any more (the room is unwatched again). */
  stray: number;
  /** Frames handed to sockets for room events (one per member per event). */
  framesOut: number;
}

export const emptyBusCounters = (): BusCounters => ({
  broadcasts: 0,
  publishedTo: 0,
  received: 0,
  needed: 0,
  stray: 0,
  framesOut: 0,
});
