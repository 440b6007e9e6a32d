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

type FontFiles = Pick<PdfFonts, 'body' | 'bold' | 'mono'>;

function dejavuIn(dir: string): FontFiles {
  return { body: join(dir, 'DejaVuSans.ttf'), bold: join(dir, 'DejaVuSans-Bold.ttf'), mono: join(dir, 'DejaVuSansMono.ttf') };
}

/** Unicode TrueType fonts where systems keep them, best first: DejaVu (Debian, Fedora), then Arial and Courier New (Windows, macOS). */
const SYSTEM_FONTS: readonly FontFiles[] = [
  dejavuIn(DEJAVU_DIR),
  { body: '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf', bold: '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf', mono: '/usr/share/fonts/dejavu-sans-mono-fonts/DejaVuSansMono.ttf' },
  { body: 'C:\\Windows\\Fonts\\arial.ttf', bold: 'C:\\Windows\\Fonts\\arialbd.ttf', mono: 'C:\\Windows\\Fonts\\cour.ttf' },
  { body: '/System/Library/Fonts/Supplemental/Arial.ttf', bold: '/System/Library/Fonts/Supplemental/Arial Bold.ttf', mono: '/System/Library/Fonts/Supplemental/Courier New.ttf' },
];

/**
 * Unicode TrueType fonts to embed (subset), so any character of a log line prints: DejaVu Sans,
 * Sans Bold and Sans Mono from `dir` when given (or `$MFW_REPORT_FONT_DIR`), else the first set
 * of SYSTEM_FONTS found. Without any, the PDF standard fonts, which know only WinAnsi: see `fitText`.
 */
export function pdfFonts(dir: string | undefined = process.env.MFW_REPORT_FONT_DIR): PdfFonts {
  const candidates = dir ? [dejavuIn(dir)] : SYSTEM_FONTS;
  const found = candidates.find((set) => Object.values(set).every((f) => existsSync(f)));
  if (found) return { ...found, unicode: true };
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
