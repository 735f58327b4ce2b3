/**
 * Where queued mail goes. SMTP (nodemailer) when SMTP_URL is set; otherwise the
 * dev outbox, which is the queue table itself: a row delivered "via outbox" is
 * what `GET /dev/outbox` lists, so it survives a restart with the database.
 */
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Fixed at enqueue time and sent on every attempt (message-id.ts). */
  messageId: string;
  /** An iCalendar file (mail/ics.ts) and its METHOD, for scheduled screenings. */
  calendar?: string | null;
  calendarMethod?: string | null;
}

/** The file name a calendar goes out under (and the dev outbox offers for download). */
export const CALENDAR_FILENAME = 'kino-vmeste.ics';

/**
 * A calendar goes as the text/calendar alternative with its METHOD (what Outlook and Gmail
 * read to offer "add to calendar"); with a filename nodemailer also attaches it as an .ics
 * file anyone can open or import.
 */
function calendarParts(mail: OutgoingMail) {
  if (!mail.calendar) return {};
  const method = mail.calendarMethod ?? 'REQUEST';
  return { icalEvent: { method, content: mail.calendar, filename: CALENDAR_FILENAME } };
}

export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<void>;
  /** Resolves when the mail server answers (connect, greeting, login); rejects otherwise. */
  verify(): Promise<void>;
  close(): Promise<void>;
}

/** Bounds for one conversation with the mail server (nodemailer's defaults wait minutes). */
export const SMTP_TIMEOUTS = { connectMs: 3_000, greetingMs: 3_000, socketMs: 10_000 } as const;

export function createSmtpTransport(options: { url: string; from: string }): MailTransport {
  // nodemailer reads SMTP_URL itself — host, port (465 for smtps:, else 587), credentials,
  // and options as query parameters (`?ignoreTLS=true` for local sinks without STARTTLS);
  // the URL's settings win over these defaults.
  const transporter = nodemailer.createTransport({
    url: options.url,
    connectionTimeout: SMTP_TIMEOUTS.connectMs,
    greetingTimeout: SMTP_TIMEOUTS.greetingMs,
    socketTimeout: SMTP_TIMEOUTS.socketMs,
  });
  return {
    kind: 'smtp',
    async send(mail) {
      const { to, subject, text, html, messageId } = mail;
      await transporter.sendMail({
        from: options.from,
        to,
        subject,
        text,
        html,
        messageId,
        ...calendarParts(mail),
      });
    },
    async verify() {
      await transporter.verify();
    },
    async close() {
      transporter.close();
    },
  };
}

export function createOutboxTransport(): MailTransport {
  return {
    kind: 'outbox',
    // Nothing to do: marking the row delivered (by the worker) is the delivery.
    async send() {},
    async verify() {},
    async close() {},
  };
}
