import { describe, expect, it } from 'vitest';
import { lineDiff } from '../../../../../renderer/components/rules/line-diff.js';

describe('the line diff against the built-in rule', () => {
  it('shows a changed line as removed then added, the rest kept', () => {
    expect(lineDiff('id: a\nmin: 5\nwindow: 10m', 'id: a\nmin: 3\nwindow: 10m')).toEqual([
      { op: ' ', text: 'id: a' }, { op: '-', text: 'min: 5' }, { op: '+', text: 'min: 3' }, { op: ' ', text: 'window: 10m' },
    ]);
  });

  it('finds lines added and removed at the ends', () => {
    expect(lineDiff('a\nb', 'x\na\nb\ny').map((l) => l.op).join('')).toBe('+  +');
    expect(lineDiff('a\nb\nc', 'b').map((l) => l.op).join('')).toBe('- -');
  });

  it('has only kept lines for equal texts', () => {
    expect(lineDiff('a\nb', 'a\nb').every((l) => l.op === ' ')).toBe(true);
  });
});
