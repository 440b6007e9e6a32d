import { describe, expect, it } from 'vitest';
import { withExtension } from '../../../../renderer/components/report/ReportExport.js';

describe('the report path of the Export report form', () => {
  it('takes the chosen format\'s extension, replacing a report extension', () => {
    expect(withExtension('/cases/42/report.pdf', 'html')).toBe('/cases/42/report.html');
    expect(withExtension('/cases/42/report.HTM', 'md')).toBe('/cases/42/report.md');
    expect(withExtension('/cases/42/report', 'pdf')).toBe('/cases/42/report.pdf');
  });

  it('leaves an empty path empty', () => {
    expect(withExtension('', 'pdf')).toBe('');
  });
});
