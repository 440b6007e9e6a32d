import type PDFDocument from 'pdfkit';
import { fitText, type PdfFonts } from './pdf-fonts.js';
import { printable } from './report-text.js';

type Doc = InstanceType<typeof PDFDocument>;
type FontRole = 'body' | 'bold' | 'mono';

export interface Column {
  header: string;
  width: number;
  font?: FontRole;
}

/**
 * Flowing layout over a pdfkit document: headings, paragraphs, label/value rows and tables that
 * break to a new page before a block that would not fit. Every string drawn goes through
 * `printable` and the fonts' `fitText`, so log text is drawn as text, whatever it holds.
 */
export class PdfLayout {
  constructor(readonly doc: Doc, readonly fonts: PdfFonts) {}

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** The text as drawn. */
  fit(value: string): string {
    return fitText(this.fonts, printable(value));
  }

  use(role: FontRole, size: number): this {
    this.doc.font(this.fonts[role]).fontSize(size);
    return this;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  heading(value: string, size: number): void {
    this.use('bold', size);
    this.ensure(this.doc.heightOfString(this.fit(value), { width: this.width }) + 40);
    this.doc.fillColor('#000').text(this.fit(value), this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
  }

  paragraph(value: string, options: { role?: FontRole; size?: number; colour?: string; indent?: number } = {}): void {
    this.use(options.role ?? 'body', options.size ?? 9.5);
    const indent = options.indent ?? 0;
    const text = this.fit(value);
    const width = this.width - indent;
    this.ensure(Math.min(this.doc.heightOfString(text, { width }), 60));
    this.doc.fillColor(options.colour ?? '#000').text(text, this.left + indent, this.doc.y, { width });
    this.doc.fillColor('#000');
  }

  gap(lines = 0.5): void {
    this.doc.moveDown(lines);
  }

  /** Label/value rows, the label in bold in a column of `labelWidth`. */
  facts(rows: readonly [string, string][], labelWidth = 110, size = 9.5): void {
    for (const [label, value] of rows) {
      const text = this.fit(value);
      this.use('body', size);
      const height = Math.max(this.doc.heightOfString(text, { width: this.width - labelWidth }), size * 1.2);
      this.ensure(height);
      const y = this.doc.y;
      const page = this.doc.page;
      this.use('bold', size).doc.text(this.fit(label), this.left, y, { width: labelWidth - 6 });
      this.use('body', size).doc.text(text, this.left + labelWidth, y, { width: this.width - labelWidth });
      // A value longer than a page has flowed onto the next ones: its end is where to go on.
      this.doc.y = (this.doc.page === page ? Math.max(this.doc.y, y + height) : this.doc.y) + 2;
    }
  }

  /** A table with a header row (repeated on a new page); cells wrap inside their column. */
  table(columns: readonly Column[], rows: readonly string[][], size = 8): void {
    const header = (): void => {
      this.ensure(size * 3);
      this.drawRow(columns, columns.map((c) => c.header), size, 'bold');
      this.doc.moveTo(this.left, this.doc.y).lineTo(this.left + this.width, this.doc.y).strokeColor('#999').lineWidth(0.5).stroke();
      this.doc.y += 2;
    };
    header();
    for (const row of rows) {
      const height = this.rowHeight(columns, row, size);
      if (this.doc.y + height > this.bottom) {
        this.doc.addPage();
        header();
      }
      this.drawRow(columns, row, size);
    }
    this.gap();
  }

  private rowHeight(columns: readonly Column[], row: readonly string[], size: number): number {
    return Math.max(...columns.map((c, i) => {
      this.use(c.font ?? 'body', size);
      return this.doc.heightOfString(this.fit(row[i] ?? ''), { width: c.width - 4 });
    }));
  }

  private drawRow(columns: readonly Column[], row: readonly string[], size: number, role?: FontRole): void {
    const y = this.doc.y;
    const height = this.rowHeight(columns, row, size);
    let x = this.left;
    columns.forEach((c, i) => {
      this.use(role ?? c.font ?? 'body', size).doc.text(this.fit(row[i] ?? ''), x, y, { width: c.width - 4 });
      x += c.width;
    });
    this.doc.y = y + height + 3;
  }
}
