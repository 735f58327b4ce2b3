/**
 * The invite e-mail, in Russian and English in one message (we don't know which
 * the invitee reads; the cinema's profile locale only decides the order).
 * Pure: data in, { subject, text, html } out.
 */
import { escapeHtml } from './html.ts';

export interface InviteMailInput {
  inviterName: string;
  inviteeName: string;
  filmTitle: string;
  joinUrl: string;
  /** 'ru' puts Russian first, anything else English first. */
  locale?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

function ruText(i: InviteMailInput): { greeting: string; body: string; action: string } {
  return {
    greeting: `Привет, ${i.inviteeName}!`,
    body: `${i.inviterName} приглашает вас посмотреть «${i.filmTitle}» вместе в «Кино Вместе»: фильм идёт у всех синхронно, а рядом — общий чат и реакции.`,
    action: 'Присоединиться',
  };
}

function enText(i: InviteMailInput): { greeting: string; body: string; action: string } {
  return {
    greeting: `Hi ${i.inviteeName}!`,
    body: `${i.inviterName} invites you to watch "${i.filmTitle}" together on Kino Vmeste: the film plays in sync for everyone, with a shared chat and reactions.`,
    action: 'Join',
  };
}

export function renderInviteMail(input: InviteMailInput): RenderedMail {
  const ru = ruText(input);
  const en = enText(input);
  const [first, second] = input.locale?.startsWith('ru') === false ? [en, ru] : [ru, en];
  const subject =
    first === ru
      ? `${input.inviterName} зовёт смотреть «${input.filmTitle}» / Watch "${input.filmTitle}" together`
      : `${input.inviterName}: watch "${input.filmTitle}" together / Смотрим «${input.filmTitle}» вместе`;
  const text = [first, second]
    .map((l) => `${l.greeting}\n\n${l.body}\n\n${l.action}: ${input.joinUrl}`)
    .join('\n\n---\n\n');
  const url = escapeHtml(input.joinUrl);
  const section = (l: typeof ru) =>
    `<p>${escapeHtml(l.greeting)}</p><p>${escapeHtml(l.body)}</p>` +
    `<p><a href="${url}" style="display:inline-block;padding:10px 18px;background:#e50914;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(l.action)}</a></p>`;
  const html =
    `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">` +
    `${section(first)}<hr>${section(second)}` +
    `<p style="color:#777;font-size:12px">${url}</p></body></html>`;
  return { subject, text, html };
}
