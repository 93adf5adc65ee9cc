/**
 * Writes the app's PNG icons (public/icons/) from the same design as public/favicon.svg: a rounded
 * accent square with four light level bars. Pure Node (node:zlib for the PNG's deflate), no image
 * tools. Each pixel is 4×4 supersampled for smooth edges.
 *
 * - icon-192.png, icon-512.png: "any" purpose, the rounded square filling the canvas;
 * - maskable-512.png: full-bleed background, the bars inside the central 80 % safe zone;
 * - apple-touch-icon-180.png: full-bleed (iOS rounds it itself).
 *
 * Run: `node scripts/make-icons.mjs` (the outputs are committed; rerun after changing the design).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const ACCENT = [0x2f, 0x6f, 0x8f];
const LIGHT = [0xf4, 0xf6, 0xf5];
/** The favicon's bars in its 64-unit box: x, y, width, height (radius = width / 2). */
const BARS = [
  [13, 26, 6, 12],
  [23, 18, 6, 28],
  [33, 12, 6, 40],
  [43, 22, 6, 20],
];

/** True when (x, y) lies inside the rounded rectangle. */
function inRoundedRect(x, y, rx, ry, w, h, r) {
  if (x < rx || y < ry || x > rx + w || y > ry + h) return false;
  const cx = Math.min(Math.max(x, rx + r), rx + w - r);
  const cy = Math.min(Math.max(y, ry + r), ry + h - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/**
 * RGBA pixels of the icon at `size`; `fullBleed` paints the whole square; `scale` shrinks the bars
 * about the centre (the maskable safe zone).
 */
export function renderIcon(size, { fullBleed = false, scale = 1 } = {}) {
  const px = new Uint8Array(size * size * 4);
  const unit = size / 64;
  const SS = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let bg = 0;
      let bar = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const u = (x + (sx + 0.5) / SS) / unit;
          const v = (y + (sy + 0.5) / SS) / unit;
          if (!(fullBleed || inRoundedRect(u, v, 0, 0, 64, 64, 16))) continue;
          bg++;
          const bu = 32 + (u - 32) / scale;
          const bv = 32 + (v - 32) / scale;
          if (BARS.some(([bx, by, bw, bh]) => inRoundedRect(bu, bv, bx, by, bw, bh, bw / 2))) bar++;
        }
      }
      const n = SS * SS;
      const i = (y * size + x) * 4;
      const mix = bg === 0 ? 0 : bar / bg;
      for (let c = 0; c < 3; c++) px[i + c] = Math.round(ACCENT[c] * (1 - mix) + LIGHT[c] * mix);
      px[i + 3] = Math.round((255 * bg) / n);
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A PNG (8-bit RGBA, no interlace) of `size`×`size` pixels. */
export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const ICONS = [
  { file: 'icon-192.png', size: 192 },
  { file: 'icon-512.png', size: 512 },
  { file: 'maskable-512.png', size: 512, fullBleed: true, scale: 0.8 },
  { file: 'apple-touch-icon-180.png', size: 180, fullBleed: true, scale: 0.85 },
];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
  mkdirSync(out, { recursive: true });
  for (const icon of ICONS) {
    const png = encodePng(icon.size, renderIcon(icon.size, icon));
    writeFileSync(join(out, icon.file), png);
    console.log(`${icon.file}: ${icon.size}×${icon.size}, ${png.length} bytes`);
  }
}
