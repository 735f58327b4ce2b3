/** An in-process SMTP server that keeps what it receives (parsed), for mail tests. */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The Message-ID header as sent, e.g. `<uuid@domain>`. */
  messageId: string;
  /** The .ics the mail carried as an attachment (scheduled screenings), and its METHOD. */
  calendar?: { method: string; content: string } | null;
}

type Parsed = Awaited<ReturnType<typeof simpleParser>>;

/**
 * The attached .ics file, and the METHOD named by the text/calendar part's Content-Type
 * (what mail clients read).
 */
function calendarOf(mail: Parsed): ReceivedMail['calendar'] {
  const file = mail.attachments.find((a) => a.filename?.endsWith('.ics'));
  if (!file) return null;
  const typed = mail.attachments
    .map((a) => a.headers.get('content-type'))
    .find(
      (h): h is { value: string; params: Record<string, string> } =>
        typeof h === 'object' && h !== null && 'value' in h && h.value === 'text/calendar',
    );
  return { method: typed?.params.method ?? '', content: file.content.toString('utf8') };
}

export interface SmtpSinkOptions {
  /**
   * Runs once a mail's data is complete, before the sink accepts it ("250"): a test can hold
   * the answer forever (a server that stalls mid-send: the mail is never accepted) or kill
   * the sender and then return (the server accepted a mail whose sender never heard so).
   * The mail counts as received once this resolves.
   */
  beforeAccept?: (mail: ReceivedMail) => Promise<void>;
}

export interface SmtpSink {
  port: number;
  url: string;
  received: ReceivedMail[];
  stop(): Promise<void>;
}

export async function startSmtpSink(port = 0, options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // stop() is an outage: connections still open are cut after this, not after 30 s.
    closeTimeout: 200,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
          const entry: ReceivedMail = {
            to: to?.value[0]?.address ?? '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            messageId: mail.messageId ?? '',
            calendar: calendarOf(mail),
          };
          await options.beforeAccept?.(entry);
          received.push(entry);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    port: actual,
    url: `smtp://127.0.0.1:${actual}?ignoreTLS=true`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on right now (to simulate an SMTP outage, then start the sink there). */
export async function freePort(): Promise<number> {
  const probe = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
  const { port } = probe;
  probe.stop(true);
  return port;
}

export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  ms = 5000,
  what = 'condition',
) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
