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
}

export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

export function createSmtpTransport(options: { url: string; from: string }): MailTransport {
  const url = new URL(options.url);
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
    secure: url.protocol === 'smtps:',
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    // `?ignoreTLS=1` for local sinks without STARTTLS (dev and tests).
    ignoreTLS: url.searchParams.get('ignoreTLS') === '1',
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  });
  return {
    kind: 'smtp',
    async send(mail) {
      await transporter.sendMail({ from: options.from, ...mail });
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
    async close() {},
  };
}
