import type { AnalyzeProgress } from '../../engine/analyze.js';

const MiB = 1024 * 1024;

/** One self-rewriting progress line on a terminal's stderr, at most ten updates a second. */
export class ProgressLine {
  private last = 0;

  constructor(private readonly out: NodeJS.WriteStream) {}

  update(p: AnalyzeProgress): void {
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    const pct = p.bytesTotal ? Math.floor((100 * p.bytesDone) / p.bytesTotal) : 100;
    const text = `importing ${pct}% ${(p.bytesDone / MiB).toFixed(1)}/${(p.bytesTotal / MiB).toFixed(1)} MiB, ${p.filesDone} files, ${p.lines} lines, ${p.events} events: ${p.file}`;
    this.out.write(`\r\x1b[2K${text.slice(0, (this.out.columns || 100) - 1)}`);
  }

  done(): void {
    if (this.last) this.out.write('\r\x1b[2K');
  }
}
