import { describe, expect, test } from 'bun:test';
import {
  hasVisibleCharacter,
  isWellFormedText,
  MAX_MARKS_PER_CHARACTER,
  normalizeChatText,
  normalizeDisplayName,
  wellFormed,
} from './chat-text.ts';

/** Texts that render as nothing: every one must be refused. [what, text] */
const invisible: [string, string][] = [
  ['empty', ''],
  ['spaces', '   '],
  ['tabs and newlines', '\t\n\r\n'],
  ['no-break spaces', '\u00A0\u00A0'],
  ['en/em/thin/hair spaces', '\u2002\u2003\u2009\u200A'],
  ['narrow no-break and math spaces', '\u202F\u205F'],
  ['ideographic space', '\u3000'],
  ['line and paragraph separators', '\u2028\u2029'],
  ['zero-width space', '\u200B\u200B\u200B'],
  ['zero-width (non-)joiners', '\u200C\u200D'],
  ['word joiner and invisible operators', '\u2060\u2061\u2062\u2063\u2064'],
  ['byte order mark', '\uFEFF'],
  ['bidi marks and isolates', '\u200E\u200F\u202A\u202E\u2066\u2069\u061C'],
  ['soft hyphen', '\u00AD'],
  ['Mongolian vowel separator', '\u180E'],
  ['Hangul filler', '\u3164'],
  ['Hangul choseong filler', '\u115F'],
  ['Hangul jungseong filler', '\u1160'],
  ['halfwidth Hangul filler', '\uFFA0'],
  ['Hangul fillers between spaces', ' \u3164 \u3164 '],
  ['Khitan small script filler', '\u{16FE4}'],
  ['Braille pattern blank', '\u2800\u2800'],
  ['combining acute alone', '\u0301'],
  ['combining marks on a space', ' \u0301\u0308'],
  ['combining grapheme joiner', '\u034F'],
  ['variation selectors', '\uFE0F\uFE0E'],
  ['tag characters', '\u{E0020}\u{E0041}\u{E007F}'],
  ['musical formatting controls', '\u{1D173}\u{1D17A}'],
  ['shorthand format controls', '\u{1BCA0}\u{1BCA3}'],
  ['C0 and C1 controls', '\u0000\u0001\u001B\u007F\u0085\u009F'],
  ['interlinear annotation controls', '\uFFF9\uFFFA\uFFFB'],
  ['a mix of all of the above', '\u200B \u3164\u00A0\u2800\u0301\uFEFF\u2060\u{E0020}'],
];

/** Texts that must pass, and what is stored. [what, sent, stored] */
const visible: [string, string, string][] = [
  ['Russian', 'Привет!', 'Привет!'],
  ['English, trimmed', '  hello  ', 'hello'],
  ['one emoji', '😱', '😱'],
  ['emoji with variation selector', '❤️', '❤️'],
  ['family emoji with joiners', '👨‍👩‍👧', '👨‍👩‍👧'],
  ['flag with tag characters', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '🏴󠁧󠁢󠁥󠁮󠁧󠁿'],
  ['accented letter, decomposed', 'e\u0301', 'e\u0301'],
  ['Hangul syllables', '안녕', '안녕'],
  ['text after a zero-width space', '\u200Bhi', '\u200Bhi'],
  ['a period between Hangul fillers', '\u3164.\u3164', '\u3164.\u3164'],
  ['CRLF becomes LF', 'a\r\nb', 'a\nb'],
  ['tabs become spaces', 'a\tb', 'a b'],
  ['controls are removed', 'a\u0000b\u001Bc', 'abc'],
  ['blank lines are collapsed to two', 'a\n\n\n\n\nb', 'a\n\nb'],
  ['a lone high surrogate becomes U+FFFD', 'a\uD83D', 'a\uFFFD'],
  ['a lone low surrogate becomes U+FFFD', '\uDE00b', '\uFFFDb'],
  [
    'a mark stack is cut',
    `a${'\u0301'.repeat(40)}`,
    `a${'\u0301'.repeat(MAX_MARKS_PER_CHARACTER)}`,
  ],
];

describe('normalizeChatText refuses text that renders as nothing', () => {
  for (const [what, text] of invisible) {
    test(what, () => {
      expect(normalizeChatText(text).ok).toBe(false);
      expect(hasVisibleCharacter(text)).toBe(false);
    });
  }
});

describe('normalizeChatText keeps visible text, normalized', () => {
  for (const [what, sent, stored] of visible) {
    test(what, () => {
      expect(normalizeChatText(sent)).toEqual({ ok: true, text: stored });
    });
  }
});

test('stored text is always well-formed and never longer than what was sent', () => {
  const samples = [...invisible.map(([, t]) => t), ...visible.map(([, t]) => t)];
  for (let i = 0; i < 2_000; i++) {
    // Random UTF-16 soup, surrogate halves included.
    const units = Array.from(
      { length: 1 + (i % 40) },
      (_, j) => (i * 7919 + j * 104_729) % 0x10000,
    );
    samples.push(String.fromCharCode(...units));
  }
  for (const sample of samples) {
    const result = normalizeChatText(sample);
    if (!result.ok) continue;
    expect(isWellFormedText(result.text)).toBe(true);
    expect(result.text.length).toBeLessThanOrEqual(sample.length);
    expect(hasVisibleCharacter(result.text)).toBe(true);
  }
});

test('wellFormed leaves proper pairs alone', () => {
  expect(wellFormed('😀\uD800😀')).toBe('😀\uFFFD😀');
});

describe('normalizeDisplayName', () => {
  test('one line, controls removed, whitespace collapsed', () => {
    expect(normalizeDisplayName('  Анна\n\tКаренина\u0000 ', 64, 'u1')).toBe('Анна Каренина');
  });
  test('an invisible name falls back to the user id', () => {
    expect(normalizeDisplayName('\u3164\u200B', 64, 'boris')).toBe('boris');
  });
  test('cut to the limit without splitting a surrogate pair', () => {
    const name = normalizeDisplayName(`a${'😀'.repeat(40)}`, 64, 'x');
    expect(name.length).toBe(63);
    expect(isWellFormedText(name)).toBe(true);
  });
});
