import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportModel } from '../../../../main/engine/report/build-model.js';
import { escapeMarkdown, renderMarkdown } from '../../../../main/engine/report/render-markdown.js';
import type { Store } from '../../../../main/engine/store/store.js';
import { caseStore, OPTIONS } from './report-store.js';

describe('the Markdown report', () => {
  let store: Store;
  let md: string;

  beforeAll(async () => {
    store = await caseStore();
    md = renderMarkdown(await buildReportModel(store, { ...OPTIONS, samplesPerFinding: 5 }));
  });
  afterAll(() => store.close());

  it('makes HTML inert and escapes inline metacharacters', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(escapeMarkdown('*a* _b_ `c` [d](e) | f ~g~ \\ &amp;')).toBe('\\*a\\* \\_b\\_ \\`c\\` \\[d\\]\\(e\\) \\| f \\~g\\~ \\\\ &amp;amp;');
  });

  it('escapes what would open a block at the start, and keeps one line per value', () => {
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdown('- not a list')).toBe('\\- not a list');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdown('a\nb\r\nc\u0007')).toBe('a ⏎ b ⏎ c\\\\x07');
  });

  it('prints log lines escaped: no raw tag, link or emphasis', () => {
    expect(md).not.toContain('<img');
    expect(md).toContain('GET /search?q=\\*bold\\*\\_x\\_\\[link\\]\\(http://evil\\)\\|pipe &lt;img src=x onerror=alert\\(1\\)&gt;');
  });

  it('holds every section, the hashes, the note, and the timeline as a table', () => {
    for (const title of ['## Executive summary', '## Findings by severity', '## Timeline', '## Bookmarked events', '## Evidence examined', '## Rules used', '## Appendix: saved queries']) expect(md).toContain(title);
    expect(md).toContain('`' + 'a1'.repeat(32) + '`');
    expect(md).toContain('The intruder got in here');
    expect(md).toMatch(/\| Bin start \(UTC\) \| Events \| web \| system \|/);
    expect(md).toContain("    WHERE message LIKE '%password%'");
  });
});
