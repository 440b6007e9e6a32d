import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportModel } from '../../../../main/engine/report/build-model.js';
import { escapeHtml, renderHtml } from '../../../../main/engine/report/render-html.js';
import type { Store } from '../../../../main/engine/store/store.js';
import { caseStore, OPTIONS, XSS } from './report-store.js';

describe('the HTML report', () => {
  let store: Store;
  let html: string;

  beforeAll(async () => {
    store = await caseStore();
    html = renderHtml(await buildReportModel(store, { ...OPTIONS, samplesPerFinding: 5 }));
  });
  afterAll(() => store.close());

  it('escapes markup, quotes and control characters', () => {
    expect(escapeHtml(`${XSS} "a" 'b' & \u0000`)).toBe('&lt;img src=x onerror=alert(1)&gt; &quot;a&quot; &#39;b&#39; &amp; \\x00');
  });

  it('prints a log line carrying a tag as text, never as a tag', () => {
    expect(html).toContain('sudo: root : COMMAND=/bin/echo &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('probe &lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/onerror=alert\(1\)>/);
  });

  it('is one self-contained page: inline CSS, no script, no outside resource', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|src="http|href="http/i);
  });

  it('holds every section, the evidence hashes, the bookmarked note and the timeline chart', () => {
    for (const title of ['Contents', 'Executive summary', 'Findings by severity', 'Timeline', 'Bookmarked events', 'Evidence examined', 'Rules used', 'Appendix: saved queries']) expect(html).toContain(title);
    expect(html).toContain('a1'.repeat(32));
    expect(html).toContain('b2'.repeat(32));
    expect(html).toContain('The intruder got in here');
    expect(html).toContain('src_ip=203.0.113.9');
    expect(html).toMatch(/<svg[^>]*>[\s\S]*<rect /);
  });
});
