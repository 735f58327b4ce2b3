/**
 * How a RoomEvent travels between instances: one short header line, then the message's JSON
 * exactly as the publisher encoded it for its own sockets. The receiver parses the message
 * once (it must look at its type and seq) and hands the same text to its sockets, so a frame
 * is stringified once per room, not once more per instance and per hop.
 *
 *   <roomId> TAB <origin> TAB <rev or empty> TAB <1 when local, else empty> LF <message JSON>
 *
 * Room ids and instance ids never hold a tab or a line feed (ids are checked on the way in).
 */
import type { BusMessage, RoomEvent } from './types.ts';

export function encodeEnvelope(event: RoomEvent): string {
  const text = event.text ?? JSON.stringify(event.message);
  const rev = event.rev === undefined ? '' : String(event.rev);
  return `${event.roomId}\t${event.origin}\t${rev}\t${event.local ? '1' : ''}\n${text}`;
}

/** The event, or null for anything that is not an envelope (someone else on our channel). */
export function decodeEnvelope(raw: string): RoomEvent | null {
  const newline = raw.indexOf('\n');
  if (newline < 0) return null;
  const header = raw.slice(0, newline).split('\t');
  if (header.length !== 4 || !header[0] || !header[1]) return null;
  const text = raw.slice(newline + 1);
  let message: BusMessage;
  try {
    // Only our own instances write on our channels: a frame one of them encoded, or a notice.
    message = JSON.parse(text) as BusMessage;
  } catch {
    return null;
  }
  const event: RoomEvent = { roomId: header[0], origin: header[1], message, text };
  if (header[2]) {
    const rev = Number(header[2]);
    if (!Number.isFinite(rev)) return null;
    event.rev = rev;
  }
  if (header[3] === '1') event.local = true;
  return event;
}
