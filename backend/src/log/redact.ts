/**
 * What must never reach a log line, whatever a message or an error happens to carry: access
 * tokens, invite tokens, e-mail addresses, passwords in connection URLs. Callers log ids, not
 * content (chat text is never passed to the log at all); this is the net under them, for
 * errors from libraries (an SMTP refusal quotes the address, a driver error the URL).
 * Pure: text in, text out.
 */

const RULES: [RegExp, string][] = [
  // scheme://user:password@host → scheme://***@host (SMTP, Postgres, Redis URLs in errors).
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]*(?::[^\s/@]*)?@/gi, '$1***@'],
  // A JWT (the cinema's access tokens): three base64url parts, the first a JSON header.
  [/\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, '<token>'],
  [/\b(Bearer\s+)[^\s"',;]+/gi, '$1<token>'],
  // Invite and other tokens in query strings or key=value text.
  [/(\b(?:invite|token|access_token|password|secret|key)=)[^&\s"',;]+/gi, '$1<redacted>'],
  [/[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b/gi, '<email>'],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
