import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LiveWarnings } from '../../../renderer/screens/ImportScreen.js';

describe('the Import screen\'s warnings of a running import', () => {
  it('shows how many came and the newest ten, as text', () => {
    const messages = Array.from({ length: 12 }, (_, i) => `evidence/auth.log:${i + 1}: no format matches <b>line</b>`);
    const html = renderToStaticMarkup(<LiveWarnings messages={messages} />);
    expect(html).toContain('Warnings so far (12)');
    expect(html).not.toContain('auth.log:2:');
    expect(html).toContain('auth.log:3:');
    expect(html).toContain('auth.log:12:');
    expect(html).toContain('&lt;b&gt;line&lt;/b&gt;');
  });
});
