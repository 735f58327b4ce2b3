/**
 * Draws the extension icons (a play triangle on a rounded red square) as PNGs,
 * so the build needs no image tools: `bun tools/make-icons.ts`.
 */
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
const BG = [228, 87, 46];

function crc32(buf: Uint8Array): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Coverage of pixel (x, y) by the icon's shapes, supersampled 4×4 for smooth edges. */
function pixel(x: number, y: number, s: number): [number, number, number, number] {
  let bg = 0;
  let fg = 0;
  const r = s * 0.2;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const px = x + (i + 0.5) / 4;
      const py = y + (j + 0.5) / 4;
      const cx = Math.min(Math.max(px, r), s - r);
      const cy = Math.min(Math.max(py, r), s - r);
      if ((px - cx) ** 2 + (py - cy) ** 2 > r * r) continue;
      bg++;
      const u = px / s;
      const v = py / s;
      if (u >= 0.36 && u <= 0.76 && Math.abs(v - 0.5) <= ((0.76 - u) / 0.4) * 0.26) fg++;
    }
  }
  const a = bg / 16;
  const f = bg ? fg / bg : 0;
  const mix = (c: number) => Math.round(c * (1 - f) + 255 * f);
  return [mix(BG[0]!), mix(BG[1]!), mix(BG[2]!), Math.round(a * 255)];
}

function png(s: number): Buffer {
  const raw = Buffer.alloc(s * (s * 4 + 1));
  for (let y = 0; y < s; y++) {
    raw[y * (s * 4 + 1)] = 0;
    for (let x = 0; x < s; x++) {
      const p = pixel(x, y, s);
      raw.set(p, y * (s * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(s, 0);
  ihdr.writeUInt32BE(s, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

for (const s of SIZES) await Bun.write(new URL(`../public/icon/${s}.png`, import.meta.url), png(s));
