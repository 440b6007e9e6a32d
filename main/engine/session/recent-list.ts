import { readFileSync, writeFileSync } from 'node:fs';

const KEEP = 10;

/** Paths opened lately (evidence in the desktop menu, session files), most recent first, kept in a JSON file. */
export class RecentList {
  private paths: string[];

  constructor(private readonly file: string) {
    this.paths = RecentList.read(file);
  }

  private static read(file: string): string[] {
    try {
      const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
      return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string').slice(0, KEEP) : [];
    } catch {
      return [];
    }
  }

  get list(): readonly string[] {
    return this.paths;
  }

  add(paths: readonly string[]): void {
    this.paths = [...paths, ...this.paths.filter((p) => !paths.includes(p))].slice(0, KEEP);
    try {
      writeFileSync(this.file, JSON.stringify(this.paths));
    } catch {
      // Recent is a convenience: a read-only profile keeps it for this run only.
    }
  }
}
