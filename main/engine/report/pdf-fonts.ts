import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where Debian's fonts-dejavu-core puts its fonts. */
export const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';

export interface PdfFonts {
  /** Font names or TTF paths for pdfkit's `font()`. */
  body: string;
  bold: string;
  mono: string;
  /** Whether the fonts cover Unicode (embedded TTFs) or only WinAnsi (PDF standard fonts). */
  unicode: boolean;
}

/**
 * DejaVu Sans, Sans Bold and Sans Mono when found (embedded, subset, so any character of a log
 * line prints); else the PDF standard fonts, which know only WinAnsi: see `fitText`.
 */
export function pdfFonts(dir: string = DEJAVU_DIR): PdfFonts {
  const files = { body: join(dir, 'DejaVuSans.ttf'), bold: join(dir, 'DejaVuSans-Bold.ttf'), mono: join(dir, 'DejaVuSansMono.ttf') };
  if (Object.values(files).every((f) => existsSync(f))) return { ...files, unicode: true };
  return { body: 'Helvetica', bold: 'Helvetica-Bold', mono: 'Courier', unicode: false };
}

/** Characters of WinAnsi (cp1252) beyond Latin-1, which the standard fonts also draw. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Text the fonts can draw: unchanged with Unicode fonts; else each character WinAnsi lacks becomes `?`. */
export function fitText(fonts: PdfFonts, value: string): string {
  if (fonts.unicode) return value;
  let out = '';
  for (const c of value) {
    const code = c.codePointAt(0)!;
    out += (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(c) ? c : '?';
  }
  return out;
}
