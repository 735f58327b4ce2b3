/**
 * iCalendar (RFC 5545) for a scheduled screening: one VEVENT in a VCALENDAR with
 * METHOD:REQUEST (invite, update) or METHOD:CANCEL. Pure: data in, text out.
 *
 * - UID is stable per room, so an update or cancel replaces the same calendar entry;
 *   SEQUENCE grows with every reschedule (and the cancel), so calendars take the newest.
 * - Times are UTC (`…Z`): no VTIMEZONE to get wrong; each calendar app shows its own zone.
 * - TEXT values escape `\ ; , newline`; lines are folded at 75 octets (not characters: a
 *   Cyrillic title is 2 bytes a letter) with CRLF + space, never inside a UTF-8 sequence.
 */

export type IcsMethod = 'REQUEST' | 'CANCEL';

export interface ScreeningEvent {
  method: IcsMethod;
  /** Stable per room, e.g. `<roomId>@<mail domain>`. */
  uid: string;
  /** 0 for the first invite; +1 for each reschedule and for the cancel. */
  sequence: number;
  startsAt: number;
  /** Film length (ms): the calendar entry's end. */
  durationMs: number;
  /** When this version was made (DTSTAMP). */
  stamp: number;
  summary: string;
  description: string;
  url: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (CN=…): quoted, and the characters a quoted value can't hold dropped. */
function paramValue(value: string): string {
  return `"${stripControls(value).replace(/"/g, '')}"`;
}

/** A URI or address from outside: no control characters can reach the file's structure. */
function uri(value: string): string {
  return stripControls(value);
}

/** Drops C0 controls and DEL (CR and LF among them). */
function stripControls(value: string): string {
  return [...value].filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f).join('');
}

/** Folds one content line at 75 octets without splitting a UTF-8 character (§3.1). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // Continuation lines start with a space, which counts towards their 75.
    const limit = parts.length === 0 ? 75 : 74;
    if (bytes + size > limit) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** 20261205T170000Z */
export function icsUtc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function renderScreeningIcs(event: ScreeningEvent): string {
  const cancel = event.method === 'CANCEL';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kino Vmeste//Scheduled screening//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.method}`,
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${icsUtc(event.stamp)}`,
    `DTSTART:${icsUtc(event.startsAt)}`,
    `DTEND:${icsUtc(event.startsAt + Math.max(event.durationMs, 60_000))}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    `URL:${uri(event.url)}`,
    `LOCATION:${escapeText(event.url)}`,
    `ORGANIZER;CN=${paramValue(event.organizer.name)}:mailto:${uri(event.organizer.email)}`,
    `ATTENDEE;CN=${paramValue(event.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${uri(event.attendee.email)}`,
    `STATUS:${cancel ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
