/**
 * Draws the two Teams app icons once; the PNGs are committed under manifest/.
 *   npx tsx scripts/package/make-icons.ts
 * color.png: 192x192, full-bleed accent background with a white glyph inside the 120x120 safe area.
 * outline.png: 32x32, the same glyph in pure white on a transparent background (alpha only).
 * The glyph is a small bar chart standing on a ledger line: rising columns, one per period.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

export const ACCENT = { r: 0x1e, g: 0x6f, b: 0x5c } as const; // manifest accentColor #1E6F5C

interface Box { x0: number; y0: number; x1: number; y1: number; r: number }

/** The glyph in unit coordinates (0..1, y down). */
const GLYPH: Box[] = [
  { x0: 0.14, y0: 0.58, x1: 0.3, y1: 0.82, r: 0.03 }, // short column
  { x0: 0.42, y0: 0.38, x1: 0.58, y1: 0.82, r: 0.03 }, // middle column
  { x0: 0.7, y0: 0.14, x1: 0.86, y1: 0.82, r: 0.03 }, // tall column
  { x0: 0.06, y0: 0.88, x1: 0.94, y1: 0.96, r: 0.03 }, // ledger line
];

function insideRoundedBox(b: Box, x: number, y: number): boolean {
  if (x < b.x0 || x > b.x1 || y < b.y0 || y > b.y1) return false;
  const cx = Math.min(Math.max(x, b.x0 + b.r), b.x1 - b.r);
  const cy = Math.min(Math.max(y, b.y0 + b.r), b.y1 - b.r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= b.r ** 2;
}

/** Fraction (0..1) of the pixel covered by the glyph, 8x8 supersampled, glyph mapped into [inset, size - inset]. */
function coverage(size: number, inset: number, px: number, py: number): number {
  const span = size - 2 * inset;
  const n = 8;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = (px + (i + 0.5) / n - inset) / span;
      const y = (py + (j + 0.5) / n - inset) / span;
      if (GLYPH.some((b) => insideRoundedBox(b, x, y))) hits++;
    }
  }
  return hits / (n * n);
}

export function drawColorIcon(): PNG {
  const size = 192;
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(size, 40, x, y);
      const i = (y * size + x) * 4;
      png.data[i] = Math.round(ACCENT.r + (255 - ACCENT.r) * c);
      png.data[i + 1] = Math.round(ACCENT.g + (255 - ACCENT.g) * c);
      png.data[i + 2] = Math.round(ACCENT.b + (255 - ACCENT.b) * c);
      png.data[i + 3] = 255;
    }
  }
  return png;
}

export function drawOutlineIcon(): PNG {
  const size = 32;
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = Math.round(255 * coverage(size, 2, x, y));
    }
  }
  return png;
}

if (require.main === module) {
  const dir = join(__dirname, '..', '..', 'manifest');
  writeFileSync(join(dir, 'color.png'), PNG.sync.write(drawColorIcon(), { colorType: 6 }));
  writeFileSync(join(dir, 'outline.png'), PNG.sync.write(drawOutlineIcon(), { colorType: 6 }));
  console.log(`wrote ${join(dir, 'color.png')} and ${join(dir, 'outline.png')}`);
}
