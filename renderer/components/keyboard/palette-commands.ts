/** The command palette's entries and how typed text picks them. Pure: the App gives each its action. */

export interface PaletteEntry {
  id: string;
  label: string;
  /** The shortcut shown beside it, if any. */
  keys?: string;
}

/**
 * The entries whose label holds every typed word (any order, any case), the ones starting with
 * the first word first; no text keeps them all, in their order.
 */
export function filterEntries<T extends PaletteEntry>(entries: readonly T[], text: string): T[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  const matching = entries.filter((e) => words.every((w) => e.label.toLowerCase().includes(w)));
  const starts = (e: T): boolean => e.label.toLowerCase().split(/\W+/).some((part) => part.startsWith(words[0]!));
  return [...matching.filter(starts), ...matching.filter((e) => !starts(e))];
}
