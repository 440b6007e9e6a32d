import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from '../../../../renderer/components/annotations/markdown.js';
import { MarkdownView } from '../../../../renderer/components/annotations/MarkdownView.js';

describe('notes in Markdown', () => {
  it('formats the safe subset: headings, lists, quotes, code, strong and emphasis', () => {
    const html = renderToStaticMarkup(<MarkdownView source={'# Timeline\n\n- **14:11** login brute force\n- *14:12* token `created`\n\n1. one\n2. two\n\n> seen in regiond.log\n\n```\nSELECT 1;\n```'} />);
    expect(html).toBe('<div class="markdown"><h4>Timeline</h4><ul><li><strong>14:11</strong> login brute force</li><li><em>14:12</em> token <code>created</code></li></ul>'
      + '<ol><li>one</li><li>two</li></ol><blockquote>seen in regiond.log</blockquote><pre><code>SELECT 1;</code></pre></div>');
  });

  it('never lets log text or the user\'s own text become markup', () => {
    const hostile = '<img src=x onerror=alert(1)> **<script>alert(2)</script>** `<b>` [click](javascript:void) [docs](https://maas.io/docs)';
    const html = renderToStaticMarkup(<MarkdownView source={hostile} />);
    expect(html).not.toMatch(/<img|<script|<b>|<a |href/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<strong>&lt;script&gt;alert(2)&lt;/script&gt;</strong>');
    expect(html).toContain('<code>&lt;b&gt;</code>');
    // A link is shown with its address, never followed.
    expect(html).toContain('click <span class="md-url">(javascript:void)</span>');
    expect(html).toContain('docs <span class="md-url">(https://maas.io/docs)</span>');
  });

  it('keeps single line breaks inside a paragraph and leaves snake_case and lone stars alone', () => {
    expect(renderToStaticMarkup(<MarkdownView source={'first line\nsecond line'} />)).toBe('<div class="markdown"><p>first line<br/>second line</p></div>');
    expect(parseInline('src_ip and dst_ip * 2')).toEqual([{ kind: 'text', text: 'src_ip and dst_ip * 2' }]);
    expect(parseInline('_why_')).toEqual([{ kind: 'em', children: [{ kind: 'text', text: 'why' }] }]);
  });

  it('reads an unclosed code fence to the end', () => {
    expect(parseMarkdown('```\n<x>')).toEqual([{ kind: 'code', text: '<x>' }]);
  });
});
