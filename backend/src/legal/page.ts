/** Renders the privacy policy (policy.ts) as a small standalone HTML page. Pure. */
import type { Lang } from '../join/language.ts';
import { escapeHtml as e } from '../mail/html.ts';
import { POLICY, POLICY_UPDATED } from './policy.ts';

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:720px;margin:40px auto;padding:0 16px;line-height:1.55;color:#222}' +
  'h1{font-size:1.6em}h2{font-size:1.15em;margin-top:1.6em}.meta{color:#666}dt{font-weight:600;margin-top:.8em}dd{margin:0}';

/** The mailbox part of a "Name <address>" sender, or the whole value when there is none. */
export function contactAddress(mailFrom: string): string {
  return /<([^<>\s]+@[^<>\s]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
}

/** What the policy says that depends on the deployment. */
export interface PolicyFacts {
  /** The sender of the invitations (MAIL_FROM): the operator's address. */
  mailFrom: string;
  /** ROOM_IDLE_TTL_SECONDS: how long an empty room's live state is kept. */
  roomIdleTtlSeconds: number;
}

export function renderPrivacyPage(lang: Lang, facts: PolicyFacts): string {
  const p = POLICY[lang];
  const other: Lang = lang === 'ru' ? 'en' : 'ru';
  const idleMinutes = Math.max(1, Math.round(facts.roomIdleTtlSeconds / 60));
  const fill = (text: string) => text.replaceAll('{idleMinutes}', String(idleMinutes));
  const transmitted = Object.values(p.transmitted)
    .map(({ label, text }) => `<dt>${e(label)}</dt><dd>${e(text)}</dd>`)
    .join('\n');
  const sections = p.sections
    .map(
      (s) =>
        `<h2>${e(s.heading)}</h2>\n${s.paragraphs.map((t) => `<p>${e(fill(t))}</p>`).join('\n')}`,
    )
    .join('\n');
  const address = contactAddress(facts.mailFrom);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(p.title)}</title>
<link rel="alternate" hreflang="${other}" href="?lang=${other}">
<style>${STYLE}</style>
</head>
<body>
<p class="meta"><a href="?lang=${other}" hreflang="${other}">${e(p.otherLanguage)}</a></p>
<h1>${e(p.title)}</h1>
<p class="meta">${e(p.updated)} ${POLICY_UPDATED}</p>
<p>${e(p.intro)}</p>
<h2>${e(p.transmittedHeading)}</h2>
<dl>
${transmitted}
</dl>
${sections}
<p>${e(p.contact(address))}</p>
</body>
</html>`;
}
