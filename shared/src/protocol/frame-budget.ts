/**
 * How big a frame may be, in each direction, and the helpers that keep server frames inside
 * the client's limit. The budget is in UTF-8 bytes of the encoded frame, not in counts: 50
 * chat lines of 500 Cyrillic characters are 50 KB, 50 lines of "ok" are 4 KB.
 */

/** Client → server: the server refuses bigger frames (and Bun's transport cuts them off). */
export const MAX_CLIENT_FRAME_BYTES = 16_384;
/**
 * Server → client: what every client accepts. v1 clients parse with 16 KiB, so this cannot
 * grow without a protocol version bump. Lists (chat pages, participants) are fitted into it.
 */
export const MAX_SERVER_FRAME_BYTES = 16_384;

const encoder = new TextEncoder();

/** UTF-8 length of `text` without allocating when the answer is plain from its length. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) bytes += 1;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      // A surrogate pair is 4 bytes for 2 units; a lone half is encoded as U+FFFD (3 bytes).
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 2;
        i++;
      } else bytes += 2;
    } else bytes += 2;
  }
  return bytes;
}

/** Bytes of a value once JSON-encoded as UTF-8. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? '');
}

/** Encoded size through the platform encoder; tests check utf8Length against it. */
export function encodedBytes(text: string): number {
  return encoder.encode(text).byteLength;
}

/**
 * The newest items (the end of `items`, which is oldest first) that fit into `budget` bytes
 * as elements of a JSON array, at most `maxCount` of them. `cut` says whether any were left
 * out. Pure: the caller decides the budget (what is left of the frame for this list).
 */
export function fitNewest<T>(
  items: readonly T[],
  budget: number,
  maxCount = Number.POSITIVE_INFINITY,
): { items: T[]; cut: boolean } {
  let used = 0;
  let start = items.length;
  while (start > 0 && items.length - start < maxCount) {
    const item = items[start - 1];
    const cost = jsonBytes(item) + (start === items.length ? 0 : 1); // the comma
    if (used + cost > budget) break;
    used += cost;
    start--;
  }
  return { items: items.slice(start), cut: start > 0 };
}

/**
 * Fits a list into a frame: `frame(list)` builds the message around the list, and the list
 * gets the bytes the rest of the frame leaves. Returns the message with the newest items that
 * fit, and whether some were left out.
 */
export function fitListIntoFrame<T, M>(
  items: readonly T[],
  frame: (list: T[], cut: boolean) => M,
  opts: { maxBytes?: number; maxCount?: number } = {},
): { message: M; cut: boolean } {
  const maxBytes = opts.maxBytes ?? MAX_SERVER_FRAME_BYTES;
  // The frame with an empty list, and `cut: true` in case the flag costs bytes ("true"/"false").
  const overhead = Math.max(jsonBytes(frame([], true)), jsonBytes(frame([], false)));
  const fitted = fitNewest(items, maxBytes - overhead, opts.maxCount);
  return { message: frame(fitted.items, fitted.cut), cut: fitted.cut };
}
