/**
 * Which mails a scheduled screening queues, and when they are due. Pure.
 * - create: an invite to each invitee now, and a reminder due `reminderLeadMs` before the
 *   start;
 * - reschedule: a new-time mail (same calendar UID, SEQUENCE + 1) now, and fresh reminders
 *   (the caller drops the pending old ones in the same transaction);
 * - cancel: a cancel (METHOD:CANCEL, SEQUENCE + 1) now.
 * A reminder is only worth sending when the start is at least two leads away: otherwise it
 * would arrive right after the invite, which already says when.
 */
import { newMessageId } from '../mail/message-id.ts';
import type { QueuedMail } from '../mail/queue.ts';
import type { ScreeningMailKind } from './mail-text.ts';
import { renderScreeningMail } from './mails.ts';

export interface ScreeningInvitee {
  name: string;
  email: string;
  locale?: string;
  timeZone?: string;
  /** The invitee's personal join link. */
  joinUrl: string;
}

export interface ScreeningPlanInput {
  roomId: string;
  filmTitle: string;
  filmDurationSec: number;
  inviterName: string;
  startsAt: number;
  sequence: number;
  invitees: ScreeningInvitee[];
  now: number;
  reminderLeadMs: number;
  /** The sender's address: the calendar entry's organizer and the UID's domain. */
  mailFrom: string;
}

/** `noreply@kino.example` out of `Kino Vmeste <noreply@kino.example>`. */
export function senderAddress(from: string): string {
  return /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from)?.[1] ?? from.trim();
}

export function reminderDueAt(startsAt: number, now: number, leadMs: number): number | null {
  const due = startsAt - leadMs;
  return due - now >= leadMs ? due : null;
}

function mailsOf(
  input: ScreeningPlanInput,
  kind: ScreeningMailKind,
  dueAt: number,
  minutesLeft?: number,
): QueuedMail[] {
  const organizerEmail = senderAddress(input.mailFrom);
  const domain = organizerEmail.split('@')[1] ?? 'kino-vmeste.local';
  return input.invitees.map((invitee) => ({
    ...renderScreeningMail({
      kind,
      roomId: input.roomId,
      uidDomain: domain,
      sequence: input.sequence,
      startsAt: input.startsAt,
      filmTitle: input.filmTitle,
      filmDurationSec: input.filmDurationSec,
      inviterName: input.inviterName,
      organizerEmail,
      invitee,
      joinUrl: invitee.joinUrl,
      now: input.now,
      minutesLeft,
    }),
    messageId: newMessageId(domain),
    kind,
    roomId: input.roomId,
    dueAt,
  }));
}

function reminders(input: ScreeningPlanInput): QueuedMail[] {
  const due = reminderDueAt(input.startsAt, input.now, input.reminderLeadMs);
  if (due === null) return [];
  return mailsOf(input, 'reminder', due, Math.round(input.reminderLeadMs / 60_000));
}

export function planScreeningCreate(input: ScreeningPlanInput): QueuedMail[] {
  return [...mailsOf(input, 'invite', input.now), ...reminders(input)];
}

export function planScreeningUpdate(input: ScreeningPlanInput): QueuedMail[] {
  return [...mailsOf(input, 'schedule-update', input.now), ...reminders(input)];
}

export function planScreeningCancel(input: ScreeningPlanInput): QueuedMail[] {
  return mailsOf(input, 'schedule-cancel', input.now);
}
