#!/usr/bin/env node
/**
 * Draws the TierPlan icons (assets/icon-{16,32,64,80,128}.png) with Node built-ins only.
 *
 * Design: a Fluent-blue rounded square holding three centred, stacked tier bars that widen
 * from top to bottom (A on top in gold, then B and C in white). Shapes are described in a
 * unit square and rasterised with 8x8 supersampling, so every size is drawn from the same
 * geometry. The output is deterministic: same script, same bytes.
 *
 *   node scripts/make-icons.js            # writes assets/*.png
 *   node scripts/make-icons.js --check    # exits 1 if any file on disk differs
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SIZES = [16, 32, 64, 80, 128];
const ASSETS = path.resolve(__dirname, '..', 'assets');
const SUPERSAMPLE = 8;

const BACKGROUND = [15, 108, 189]; // #0F6CBD, Fluent brand blue
const GOLD = [255, 200, 61]; // #FFC83D, tier A
const WHITE = [255, 255, 255]; // tiers B and C

/** Rounded rectangle in unit coordinates: x, y (top-left), w, h, r (corner radius). */
function insideRoundedRect(px, py, rect) {
  const { x, y, w, h, r } = rect;
  if (px < x || px > x + w || py < y || py > y + h) return false;
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  const dx = px - cx;
  const dy = py - cy;
  return dx * dx + dy * dy <= r * r;
}

/** Shapes painted back to front. */
function shapes(size) {
  // Small icons get a smaller margin so the square fills the 16 px cell.
  const margin = size <= 16 ? 0 : 0.04;
  const square = { x: margin, y: margin, w: 1 - 2 * margin, h: 1 - 2 * margin, r: 0.2 };
  const barHeight = 0.15;
  const gap = 0.075;
  const widths = [0.34, 0.52, 0.7];
  const top = (1 - (3 * barHeight + 2 * gap)) / 2;
  const bars = widths.map((w, i) => ({
    x: (1 - w) / 2,
    y: top + i * (barHeight + gap),
    w,
    h: barHeight,
    r: barHeight / 2,
  }));
  return [
    { rect: square, color: BACKGROUND },
    { rect: bars[0], color: GOLD },
    { rect: bars[1], color: WHITE },
    { rect: bars[2], color: WHITE },
  ];
}

/** Returns RGBA pixels (non-premultiplied), row-major. */
function render(size) {
  const layers = shapes(size);
  const pixels = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Accumulate premultiplied colour over the subsamples.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const ux = (px + (sx + 0.5) / SUPERSAMPLE) / size;
          const uy = (py + (sy + 0.5) / SUPERSAMPLE) / size;
          let color = null;
          for (const layer of layers) {
            if (insideRoundedRect(ux, uy, layer.rect)) color = layer.color;
          }
          if (color) {
            r += color[0];
            g += color[1];
            b += color[2];
            a += 1;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        pixels[o] = Math.round(r / a);
        pixels[o + 1] = Math.round(g / a);
        pixels[o + 2] = Math.round(b / a);
        pixels[o + 3] = Math.round((255 * a) / n);
      }
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes RGBA pixels as an 8-bit truecolour-with-alpha PNG (filter 0 on every row). */
function encodePng(size, pixels) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0;
    pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  const idat = zlib.deflateSync(raw, { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function main() {
  const check = process.argv.includes('--check');
  fs.mkdirSync(ASSETS, { recursive: true });
  let stale = 0;
  for (const size of SIZES) {
    const file = path.join(ASSETS, `icon-${size}.png`);
    const png = encodePng(size, render(size));
    if (check) {
      const current = fs.existsSync(file) ? fs.readFileSync(file) : null;
      if (!current || !current.equals(png)) {
        console.error(`stale: ${path.relative(process.cwd(), file)}`);
        stale++;
      }
    } else {
      fs.writeFileSync(file, png);
      console.log(`wrote ${path.relative(process.cwd(), file)} (${size}x${size}, ${png.length} bytes)`);
    }
  }
  if (check && stale > 0) process.exit(1);
}

if (require.main === module) main();

module.exports = { encodePng, render, SIZES };
