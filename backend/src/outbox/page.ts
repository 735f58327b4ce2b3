import { escapeHtml } from '../mail/html.ts';
import type { OutboxEntry } from '../mail/queue.ts';

/** The mail's .ics as a download link (a data: URL, so the page needs no second route). */
function calendarLink(m: OutboxEntry): string {
  if (!m.calendar) return '';
  const href = `data:text/calendar;charset=utf-8;base64,${Buffer.from(m.calendar.content).toString('base64')}`;
  return `
<p class="calendar">📅 <a download="${escapeHtml(m.calendar.filename)}" href="${href}">${escapeHtml(m.calendar.filename)}</a> (METHOD:${escapeHtml(m.calendar.method)})</p>
<details><summary>iCalendar</summary><pre>${escapeHtml(m.calendar.content)}</pre></details>`;
}

/** A readable list of the dev outbox; each mail's HTML is shown sandboxed. */
export function renderOutboxPage(entries: OutboxEntry[]): string {
  const e = escapeHtml;
  const items = entries
    .map(
      (m) => `<article>
<h2>${e(m.subject)}</h2>
<p><b>To / Кому:</b> ${e(m.to)} · <b>Sent / Отправлено:</b> ${e(m.sentAt)}</p>
<details><summary>Text / Текст</summary><pre>${e(m.text)}</pre></details>${calendarLink(m)}
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
