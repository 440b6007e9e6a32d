import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportModel } from '../../../../main/engine/report/build-model.js';
import type { ReportModel } from '../../../../main/engine/report/model.js';
import { DEJAVU_DIR, fitText, pdfFonts } from '../../../../main/engine/report/pdf-fonts.js';
import { renderPdf } from '../../../../main/engine/report/render-pdf.js';
import type { Store } from '../../../../main/engine/store/store.js';
import { caseStore, OPTIONS } from './report-store.js';

const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;
const hasDejaVu = pdfFonts().unicode;

function pdfText(bytes: Uint8Array): string {
  const run = spawnSync('pdftotext', ['-layout', '-', '-'], { input: bytes, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
}

describe('the PDF report', () => {
  let store: Store;
  let model: ReportModel;

  beforeAll(async () => {
    store = await caseStore();
    model = await buildReportModel(store, OPTIONS);
    model.findings[0]!.samples[0]!.text = 'Ünïcödé ✓ ключ 密码 <b>';
  });
  afterAll(() => store.close());

  it('falls back to the standard fonts without DejaVu, drawing a ? for what WinAnsi lacks', async () => {
    const fonts = pdfFonts('/nonexistent');
    expect(fonts).toMatchObject({ body: 'Helvetica', unicode: false });
    expect(fitText(fonts, 'Ünï ✓ ключ €')).toBe('Ünï ? ???? €');
    const pdf = await renderPdf(model, { fontDir: '/nonexistent' });
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(pdf.pages).toBeGreaterThanOrEqual(9);
  });

  it.runIf(hasDejaVu)('takes DejaVu from the folder given, else from the system', () => {
    expect(pdfFonts(DEJAVU_DIR)).toEqual({ body: `${DEJAVU_DIR}/DejaVuSans.ttf`, bold: `${DEJAVU_DIR}/DejaVuSans-Bold.ttf`, mono: `${DEJAVU_DIR}/DejaVuSansMono.ttf`, unicode: true });
    expect(pdfFonts(undefined)).toMatchObject({ unicode: true });
  });

  it.runIf(hasPdftotext)('has real text: the cover, a contents page with page numbers, every section and page footers', async () => {
    const pdf = await renderPdf(model, { fontDir: '/nonexistent' });
    const pages = pdfText(pdf.bytes).split('\f');
    expect(pages[0]).toContain('MAAS region compromise');
    expect(pages[0]).toContain('IR-2026-007');
    expect(pages[0]).toContain('maas-region (America/Chicago)');
    expect(pages[1]).toContain('Contents');
    // The contents page names each section with the page it starts on: the cover and the contents come first.
    expect(pages[1]).toMatch(/1\. Executive summary\s+3/);
    expect(pages[1]).toMatch(/2\. Findings by severity\s+4/);
    const findingsPage = pages[3]!;
    expect(findingsPage).toContain('src_ip=203.0.113.9');
    expect(findingsPage).toContain('/ev/a/var/log/auth.log:1');
    expect(pages.join('')).toContain('a1'.repeat(32));
    expect(pages.join('')).toContain('The intruder got in here');
    expect(pages[0]).toContain(`Page 1 of ${pdf.pages}`);
    expect(pages[pdf.pages - 1]).toContain(`Page ${pdf.pages} of ${pdf.pages}`);
  });

  it.runIf(hasPdftotext && hasDejaVu)(`embeds DejaVu (${DEJAVU_DIR}) so any character of a log line prints`, async () => {
    const text = pdfText((await renderPdf(model)).bytes);
    expect(text).toContain('Ünïcödé ✓ ключ');
    expect(text).toContain('<b>');
  });
});
