/**
 * Text people send and see: made well-formed (no lone UTF-16 surrogates), stripped of control
 * characters, and refused when nothing of it would be visible. Both ends use it: the server's
 * parser refines every `chat` with it, the extension checks before it sends.
 *
 * "Visible" means at least one code point that draws something on its own. These do not:
 * - whitespace of every kind (`\p{White_Space}`: NBSP, the U+2000 spaces, U+3000, line and
 *   paragraph separators, …);
 * - control and format characters (`\p{Cc}`, `\p{Cf}`: zero-width space and joiners, bidi
 *   marks, word joiner, BOM, soft hyphen, tags, Mongolian vowel separator, …);
 * - combining marks without a base (`\p{M}`: accents, variation selectors);
 * - default-ignorable code points (`\p{Default_Ignorable_Code_Point}`: the Hangul fillers
 *   U+3164, U+115F, U+1160, U+FFA0, the Khitan filler, combining grapheme joiner, …);
 * - U+2800 BRAILLE PATTERN BLANK, a "letter" that renders as an empty cell.
 */

const INVISIBLE = /^[\p{White_Space}\p{Cc}\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}\u2800]$/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Stacks of combining marks past this many per character are cut ("Zalgo" text). */
export const MAX_MARKS_PER_CHARACTER = 8;
const MARK_STACK = new RegExp(`(\\p{M}{${MAX_MARKS_PER_CHARACTER}})\\p{M}+`, 'gu');

/** Replaces lone surrogates with U+FFFD, so the text can be stored and sent as UTF-8. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** Whether `text` has no lone surrogate (String.prototype.isWellFormed, for older targets). */
export function isWellFormedText(text: string): boolean {
  return !new RegExp(LONE_SURROGATE.source).test(text);
}

/** Whether some code point of `text` draws something by itself. */
export function hasVisibleCharacter(text: string): boolean {
  for (const char of text) if (!INVISIBLE.test(char)) return true;
  return false;
}

export type ChatTextResult = { ok: true; text: string } | { ok: false; reason: string };

/**
 * The text a chat line is stored and shown with: well-formed, line breaks as `\n`, tabs as
 * spaces, other control characters removed, at most two blank lines in a row, mark stacks cut,
 * trimmed. Refused when nothing visible is left. Never longer than its input.
 */
export function normalizeChatText(raw: string): ChatTextResult {
  const text = wellFormed(raw)
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    // Control characters other than the line feed are never useful in a chat line.
    .replace(/\p{Cc}/gu, (char) => (char === '\n' ? char : ''))
    .replace(/\n{3,}/g, '\n\n')
    .replace(MARK_STACK, '$1')
    .trim();
  if (text.length === 0) return { ok: false, reason: 'text is empty' };
  if (!hasVisibleCharacter(text)) return { ok: false, reason: 'text has no visible character' };
  return { ok: true, text };
}

/**
 * A display name from the cinema (a token's `name`): one line, no invisible-only names, at
 * most `max` UTF-16 units without cutting a character in half. Falls back to `fallback`.
 */
export function normalizeDisplayName(raw: string, max: number, fallback: string): string {
  const oneLine = wellFormed(raw)
    .replace(/\p{White_Space}+/gu, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(MARK_STACK, '$1')
    .trim();
  const name = hasVisibleCharacter(oneLine) ? oneLine : fallback;
  let cut = '';
  for (const char of name) {
    if (cut.length + char.length > max) break;
    cut += char;
  }
  return cut.trim() || fallback.slice(0, max);
}
