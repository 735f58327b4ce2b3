import { escapeHtml } from '../mail/html.ts';
import type { OutboxEntry } from '../mail/queue.ts';

/** A readable list of the dev outbox; each mail's HTML is shown sandboxed. */
export function renderOutboxPage(entries: OutboxEntry[]): string {
  const e = escapeHtml;
  const items = entries
    .map(
      (m) => `<article>
<h2>${e(m.subject)}</h2>
<p><b>To / Кому:</b> ${e(m.to)} · <b>Sent / Отправлено:</b> ${e(m.sentAt)}</p>
<details><summary>Text / Текст</summary><pre>${e(m.text)}</pre></details>
<iframe sandbox="allow-popups" srcdoc="${e(m.html)}" style="width:100%;height:320px;border:1px solid #ccc"></iframe>
</article>`,
    )
    .reverse()
    .join('\n<hr>\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Dev outbox — Кино Вместе</title>
<style>body{font-family:system-ui,sans-serif;max-width:900px;margin:24px auto;padding:0 16px}pre{white-space:pre-wrap}</style>
</head><body>
<h1>Dev outbox / Исходящие (${entries.length})</h1>
${items || '<p>No mail yet / Писем пока нет.</p>'}
</body></html>`;
}
