import { describe, expect, test } from 'bun:test';
import { renderInviteMail } from './invite-template.ts';

const input = {
  inviterName: 'Анна',
  inviteeName: 'Борис',
  filmTitle: 'Ночной поезд',
  joinUrl: 'http://localhost:8787/join/ROOM',
};

describe('invite mail', () => {
  test('names the inviter, the film and carries the room’s link, in Russian and English', () => {
    const mail = renderInviteMail(input);
    expect(mail.subject).toContain('Анна');
    expect(mail.subject).toContain('Ночной поезд');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('Анна приглашает вас посмотреть «Ночной поезд»');
      expect(part).toContain('invites you to watch');
      expect(part).toContain('Борис');
    }
    expect(mail.text).toContain(`Присоединиться: ${input.joinUrl}`);
    expect(mail.text).toContain(`Join: ${input.joinUrl}`);
    expect(mail.html).toContain('href="http://localhost:8787/join/ROOM"');
    expect(mail.text.indexOf('Привет')).toBeLessThan(mail.text.indexOf('Hi '));
  });

  test('English first for an English-speaking invitee', () => {
    const mail = renderInviteMail({ ...input, locale: 'en' });
    expect(mail.text.indexOf('Hi ')).toBeLessThan(mail.text.indexOf('Привет'));
    expect(mail.subject.startsWith('Анна: watch')).toBe(true);
  });

  test('names are escaped in HTML', () => {
    const mail = renderInviteMail({
      ...input,
      inviterName: '<script>x</script>',
      joinUrl: 'http://h/join/a?invite=b&c="d"',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).toContain('href="http://h/join/a?invite=b&amp;c=&quot;d&quot;"');
  });
});
