import { describe, expect, test } from 'bun:test';
import ICAL from 'ical.js';
import { escapeText, foldLine, icsUtc, renderScreeningIcs, type ScreeningEvent } from './ics.ts';

const START = Date.UTC(2026, 11, 5, 17, 0, 0);
const event: ScreeningEvent = {
  method: 'REQUEST',
  uid: 'room-abc@kino.example',
  sequence: 0,
  startsAt: START,
  durationMs: 95 * 60_000,
  stamp: Date.UTC(2026, 11, 1, 9, 30, 15),
  summary: 'Смотрим «Ночной поезд; часть 2, финал» вместе',
  description:
    'Анна зовёт смотреть вместе.\nПрисоединиться: https://kino.example/join/abc?invite=t,1',
  url: 'https://kino.example/join/abc?invite=tok',
  organizer: { name: 'Анна "Кино"', email: 'noreply@kino.example' },
  attendee: { name: 'Борис', email: 'boris@kino.example' },
};

/** Parses the text back with ical.js, the parser calendar web apps use. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { calendar, vevent, parsed: new ICAL.Event(vevent) };
}

describe('screening iCalendar', () => {
  test('parses back with every field a calendar app needs', () => {
    const text = renderScreeningIcs(event);
    const { calendar, vevent, parsed } = parse(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(parsed.uid).toBe(event.uid);
    expect(parsed.sequence).toBe(0);
    expect(parsed.startDate.toJSDate().getTime()).toBe(START);
    expect(parsed.startDate.zone?.tzid).toBe('UTC');
    expect(parsed.endDate.toJSDate().getTime()).toBe(START + event.durationMs);
    expect(parsed.summary).toBe(event.summary);
    expect(parsed.description).toBe(event.description);
    expect(vevent.getFirstPropertyValue('url')).toBe(event.url);
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(parsed.organizer).toBe('mailto:noreply@kino.example');
    expect(parsed.attendees[0]?.getFirstValue()).toBe('mailto:boris@kino.example');
    expect(parsed.attendees[0]?.getParameter('cn')).toBe('Борис');
  });

  test('a cancel keeps the UID, says CANCEL and CANCELLED, with a higher SEQUENCE', () => {
    const { calendar, vevent, parsed } = parse(
      renderScreeningIcs({ ...event, method: 'CANCEL', sequence: 2 }),
    );
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(parsed.uid).toBe(event.uid);
    expect(parsed.sequence).toBe(2);
  });

  test('lines are CRLF, at most 75 octets, folded without breaking a character', () => {
    const text = renderScreeningIcs({ ...event, summary: 'Ж'.repeat(200) });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) {
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    }
    expect(parse(text).parsed.summary).toBe('Ж'.repeat(200));
  });

  test('escapes TEXT and strips line breaks from addresses and links (no injected properties)', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    const text = renderScreeningIcs({
      ...event,
      summary: 'x\r\nEND:VEVENT',
      url: 'https://kino.example/join/a\r\nMETHOD:CANCEL',
      attendee: { name: 'B\r\n"evil"', email: 'b@kino.example\r\nX-EVIL:1' },
    });
    const { calendar, vevent, parsed } = parse(text);
    expect(calendar.getAllProperties('method')).toHaveLength(1);
    expect(vevent.getFirstProperty('x-evil')).toBeNull();
    expect(parsed.summary).toBe('x\nEND:VEVENT');
    expect(text.split('\r\n').filter((l) => l === 'END:VEVENT')).toHaveLength(1);
  });

  test('UTC basic format and folding of an ASCII line', () => {
    expect(icsUtc(START)).toBe('20261205T170000Z');
    const folded = foldLine(`DESCRIPTION:${'a'.repeat(100)}`);
    expect(folded.split('\r\n ')).toHaveLength(2);
    expect(folded.split('\r\n ')[0]).toHaveLength(75);
  });
});
