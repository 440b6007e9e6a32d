import { describe, expect, it } from 'vitest';
import { filterEntries } from '../../../../../renderer/components/keyboard/palette-commands.js';

const entries = [
  { id: 'screen.events', label: 'Go to Events' },
  { id: 'screen.timeline', label: 'Go to Timeline' },
  { id: 'theme.dark', label: 'Theme: Dark' },
  { id: 'text.larger', label: 'Larger text' },
  { id: 'text.default', label: 'Default text size' },
];

describe('the command palette\'s search', () => {
  it('keeps every entry, in order, when nothing is typed', () => {
    expect(filterEntries(entries, '  ').map((e) => e.id)).toEqual(entries.map((e) => e.id));
  });

  it('keeps the entries holding every typed word, in any order and case', () => {
    expect(filterEntries(entries, 'DARK').map((e) => e.id)).toEqual(['theme.dark']);
    expect(filterEntries(entries, 'text larger').map((e) => e.id)).toEqual(['text.larger']);
    expect(filterEntries(entries, 'go zz')).toEqual([]);
  });

  it('puts the entries with a word starting as typed before those that only contain it', () => {
    // "size" starts with s; "Events" only holds one.
    expect(filterEntries(entries, 's').map((e) => e.id)).toEqual(['text.default', 'screen.events']);
  });
});
