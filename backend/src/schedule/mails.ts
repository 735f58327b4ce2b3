/**
 * A scheduled screening's e-mail to one invitee, in the invitee's language first (the other
 * below, as with every invite) with the time in the invitee's zone, and the calendar file.
 * Pure: everything, the clock included, comes in.
 */
import { formatWhen, languageOf, type MailLanguage, timeZoneFor } from '@kino/shared/schedule';
import { escapeHtml } from '../mail/html.ts';
import { type IcsMethod, renderScreeningIcs } from '../mail/ics.ts';
import { type ScreeningMailKind, screeningWords, type Words } from './mail-text.ts';

export interface ScreeningMailInput {
  kind: ScreeningMailKind;
  roomId: string;
  /** Domain of the calendar UID (the sender's mail domain). */
  uidDomain: string;
  sequence: number;
  startsAt: number;
  filmTitle: string;
  filmDurationSec: number;
  inviterName: string;
  organizerEmail: string;
  invitee: { name: string; email: string; locale?: string; timeZone?: string };
  joinUrl: string;
  now: number;
  minutesLeft?: number;
}

export interface ScreeningMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  calendar: string;
  calendarMethod: IcsMethod;
}

/** The calendar entry's UID: one per room, so updates and the cancel replace the same entry. */
export function screeningUid(roomId: string, domain: string): string {
  return `screening-${roomId}@${domain}`;
}

export function renderScreeningMail(input: ScreeningMailInput): ScreeningMail {
  const zone = timeZoneFor(input.invitee.locale, input.invitee.timeZone);
  const first = languageOf(input.invitee.locale);
  const order: MailLanguage[] = first === 'ru' ? ['ru', 'en'] : ['en', 'ru'];
  const words = order.map((language) =>
    screeningWords(language, input.kind, {
      inviterName: input.inviterName,
      inviteeName: input.invitee.name,
      filmTitle: input.filmTitle,
      when: formatWhen(input.startsAt, language, zone),
      minutesLeft: input.minutesLeft,
    }),
  );
  const whenOf = order.map((language) => formatWhen(input.startsAt, language, zone));
  const cancel = input.kind === 'schedule-cancel';
  const text = words
    .map((w, i) =>
      [
        w.greeting,
        w.body,
        `${w.whenLabel}: ${whenOf[i]}`,
        w.action ? `${w.action}: ${input.joinUrl}` : null,
        w.calendarNote,
      ]
        .filter((line) => line !== null)
        .join('\n\n'),
    )
    .join('\n\n---\n\n');
  const url = escapeHtml(input.joinUrl);
  const section = (w: Words, when: string) =>
    `<p>${escapeHtml(w.greeting)}</p><p>${escapeHtml(w.body)}</p>` +
    `<p><b>${escapeHtml(w.whenLabel)}:</b> ${escapeHtml(when)}</p>` +
    (w.action
      ? `<p><a href="${url}" style="display:inline-block;padding:10px 18px;background:#e50914;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(w.action)}</a></p>`
      : '') +
    `<p style="color:#555">${escapeHtml(w.calendarNote)}</p>`;
  const html =
    `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">` +
    words.map((w, i) => section(w, whenOf[i] ?? '')).join('<hr>') +
    (cancel ? '' : `<p style="color:#777;font-size:12px">${url}</p>`) +
    `</body></html>`;
  const method: IcsMethod = cancel ? 'CANCEL' : 'REQUEST';
  const primary = words[0]!;
  const calendar = renderScreeningIcs({
    method,
    uid: screeningUid(input.roomId, input.uidDomain),
    sequence: input.sequence,
    startsAt: input.startsAt,
    durationMs: input.filmDurationSec * 1000,
    stamp: input.now,
    summary:
      first === 'ru' ? `«${input.filmTitle}» — Кино Вместе` : `"${input.filmTitle}" — Kino Vmeste`,
    description: `${primary.body}\n\n${primary.action ?? ''}${primary.action ? ': ' : ''}${input.joinUrl}`,
    url: input.joinUrl,
    organizer: { name: input.inviterName, email: input.organizerEmail },
    attendee: { name: input.invitee.name, email: input.invitee.email },
  });
  return {
    to: input.invitee.email,
    subject: primary.subject,
    text,
    html,
    calendar,
    calendarMethod: method,
  };
}
