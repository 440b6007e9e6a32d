import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_LAYOUT, placeOnScreen, readWindowLayout, SAVE_DELAY_MS, showWithLayout, trackWindowLayout, writeWindowLayout, type LayoutWindow,
} from '../../../../main/hosts/electron/window-layout.js';

/** A laptop screen less its 40 px panel, and a monitor to its right. */
const LAPTOP = { x: 0, y: 0, width: 1920, height: 1040 };
const MONITOR = { x: 1920, y: 0, width: 2560, height: 1440 };

/** A BrowserWindow stand-in: where it is, its state, and the listeners the tracker installs. */
class FakeWindow {
  readonly listeners = new Map<string, () => void>();
  bounds = { x: 100, y: 80, width: 1200, height: 760 };
  maximized = false;
  fullScreen = false;
  readonly calls: string[] = [];
  on(event: string, listener: () => void): this { this.listeners.set(event, listener); return this; }
  emit(event: string): void { this.listeners.get(event)?.(); }
  getNormalBounds() { return { ...this.bounds }; }
  isMaximized(): boolean { return this.maximized; }
  isFullScreen(): boolean { return this.fullScreen; }
  maximize(): void { this.calls.push('maximize'); }
  setFullScreen(on: boolean): void { this.calls.push(`fullScreen:${on}`); }
  show(): void { this.calls.push('show'); }
  get asWindow(): LayoutWindow { return this as unknown as LayoutWindow; }
}

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mfw-layout-'));
  file = join(dir, 'window-layout.json');
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

describe('placing a remembered window on the displays there are', () => {
  it('keeps a window that is on a display where it was', () => {
    expect(placeOnScreen({ x: 2100, y: 50, width: 1600, height: 900 }, [LAPTOP, MONITOR])).toEqual({ x: 2100, y: 50, width: 1600, height: 900 });
  });

  it('brings a window from an unplugged monitor back onto the nearest display', () => {
    expect(placeOnScreen({ x: 2100, y: 50, width: 1600, height: 900 }, [LAPTOP])).toEqual({ x: 320, y: 50, width: 1600, height: 900 });
  });

  it('brings back a window left above or left of every display', () => {
    expect(placeOnScreen({ x: -3000, y: -2000, width: 800, height: 600 }, [LAPTOP])).toEqual({ x: 0, y: 0, width: 800, height: 600 });
  });

  it('moves a window that hangs off a display edge fully onto the display it covers most', () => {
    // 380x540 of it is on the monitor, 420x140 on the laptop.
    expect(placeOnScreen({ x: 1500, y: 900, width: 800, height: 600 }, [LAPTOP, MONITOR])).toEqual({ x: 1920, y: 840, width: 800, height: 600 });
    expect(placeOnScreen({ x: 1500, y: 100, width: 800, height: 600 }, [LAPTOP, MONITOR])).toEqual({ x: 1120, y: 100, width: 800, height: 600 });
  });

  it('shrinks a window larger than the display it lands on (the resolution went down)', () => {
    expect(placeOnScreen({ x: 0, y: 0, width: 2560, height: 1440 }, [LAPTOP])).toEqual(LAPTOP);
  });

  it('respects a work area that does not start at 0,0 (a panel on the left or top)', () => {
    expect(placeOnScreen({ x: 0, y: 0, width: 800, height: 600 }, [{ x: 64, y: 32, width: 1856, height: 1048 }])).toEqual({ x: 64, y: 32, width: 800, height: 600 });
  });

  it('keeps the bounds when no display is known', () => {
    expect(placeOnScreen({ x: 5000, y: 5000, width: 800, height: 600 }, [])).toEqual({ x: 5000, y: 5000, width: 800, height: 600 });
  });
});

describe('reading the remembered layout', () => {
  it('opens at the default size, centred, on a first start, without a warning', () => {
    const warn = vi.fn();
    expect(readWindowLayout(file, [LAPTOP], warn)).toEqual(DEFAULT_LAYOUT);
    expect(DEFAULT_LAYOUT.placement).not.toHaveProperty('x');
    expect(warn).not.toHaveBeenCalled();
  });

  it('restores bounds and the maximised and full-screen states', () => {
    writeWindowLayout(file, { bounds: { x: 2000, y: 100, width: 1400, height: 900 }, maximized: true, fullScreen: false });
    expect(readWindowLayout(file, [LAPTOP, MONITOR], vi.fn())).toEqual({ placement: { x: 2000, y: 100, width: 1400, height: 900 }, maximized: true, fullScreen: false });
  });

  it('places the remembered bounds on the displays of this start', () => {
    writeWindowLayout(file, { bounds: { x: 2000, y: 100, width: 1400, height: 900 }, maximized: false, fullScreen: true });
    expect(readWindowLayout(file, [LAPTOP], vi.fn())).toEqual({ placement: { x: 520, y: 100, width: 1400, height: 900 }, maximized: false, fullScreen: true });
  });

  it('ignores a corrupt file with a warning that names it', () => {
    writeFileSync(file, '{"bounds": {"x": 1, "y"');
    const warn = vi.fn();
    expect(readWindowLayout(file, [LAPTOP], warn)).toEqual(DEFAULT_LAYOUT);
    expect(warn).toHaveBeenCalledExactlyOnceWith(expect.stringContaining(`${file}: not JSON`));
  });

  it('ignores a file of the wrong shape or with absurd numbers, with a warning', () => {
    for (const value of [[], { bounds: { x: 0, y: 0, width: 800 }, maximized: false, fullScreen: false },
      { bounds: { x: 0, y: 0, width: -800, height: 600 }, maximized: false, fullScreen: false },
      { bounds: { x: 1e12, y: 0, width: 800, height: 600 }, maximized: false, fullScreen: false },
      { bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: 'yes', fullScreen: false }]) {
      writeFileSync(file, JSON.stringify(value));
      const warn = vi.fn();
      expect(readWindowLayout(file, [LAPTOP], warn)).toEqual(DEFAULT_LAYOUT);
      expect(warn).toHaveBeenCalledExactlyOnceWith(expect.stringContaining('not a window layout'));
    }
  });

  it('opens a remembered window too small to find at a usable size', () => {
    writeWindowLayout(file, { bounds: { x: 10, y: 10, width: 40, height: 30 }, maximized: false, fullScreen: false });
    expect(readWindowLayout(file, [LAPTOP], vi.fn()).placement).toEqual({ x: 10, y: 10, width: 400, height: 300 });
  });
});

describe('remembering the layout', () => {
  it('writes once after the window rests from a run of moves and resizes', () => {
    vi.useFakeTimers();
    const window = new FakeWindow();
    trackWindowLayout(window.asWindow, file, vi.fn());
    for (let i = 0; i < 20; i++) {
      window.bounds = { ...window.bounds, width: 1200 + i };
      window.emit(i % 2 ? 'resize' : 'move');
      vi.advanceTimersByTime(SAVE_DELAY_MS / 5);
    }
    expect(existsSync(file)).toBe(false);
    vi.advanceTimersByTime(SAVE_DELAY_MS);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ bounds: { x: 100, y: 80, width: 1219, height: 760 }, maximized: false, fullScreen: false });
  });

  it('writes at once when the window closes, and nothing left pending after', () => {
    vi.useFakeTimers();
    const window = new FakeWindow();
    trackWindowLayout(window.asWindow, file, vi.fn());
    window.bounds = { x: 300, y: 200, width: 1000, height: 700 };
    window.emit('resize');
    window.emit('close');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ bounds: { x: 300, y: 200, width: 1000, height: 700 } });
    rmSync(file);
    vi.advanceTimersByTime(SAVE_DELAY_MS * 2);
    expect(existsSync(file)).toBe(false);
  });

  it('keeps the normal bounds under a maximised or full-screen window', () => {
    vi.useFakeTimers();
    const window = new FakeWindow();
    trackWindowLayout(window.asWindow, file, vi.fn());
    window.maximized = true;
    window.emit('maximize');
    vi.advanceTimersByTime(SAVE_DELAY_MS);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ bounds: { x: 100, y: 80, width: 1200, height: 760 }, maximized: true, fullScreen: false });
    window.fullScreen = true;
    window.emit('enter-full-screen');
    window.emit('close');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ maximized: true, fullScreen: true });
  });

  it('replaces the file whole and leaves no temporary file beside it', () => {
    writeFileSync(file, 'old');
    writeWindowLayout(file, { bounds: { x: 1, y: 2, width: 800, height: 600 }, maximized: false, fullScreen: false });
    expect(readdirSync(dir)).toEqual(['window-layout.json']);
    expect(readWindowLayout(file, [LAPTOP], vi.fn()).placement).toEqual({ x: 1, y: 2, width: 800, height: 600 });
  });

  it('warns once and goes on when the profile cannot be written', () => {
    writeFileSync(join(dir, 'not-a-folder'), '');
    const blocked = join(dir, 'not-a-folder', 'window-layout.json');
    const warn = vi.fn();
    const window = new FakeWindow();
    trackWindowLayout(window.asWindow, blocked, warn);
    expect(() => { window.emit('close'); window.emit('close'); }).not.toThrow();
    expect(warn).toHaveBeenCalledExactlyOnceWith(expect.stringContaining('could not be saved'));
  });

  it('flushes a pending write when asked', () => {
    vi.useFakeTimers();
    const window = new FakeWindow();
    const flush = trackWindowLayout(window.asWindow, file, vi.fn());
    window.emit('move');
    flush();
    expect(existsSync(file)).toBe(true);
  });
});

describe('showing the window as it was left', () => {
  it('maximises, or goes full screen, before it shows', () => {
    const cases = [
      [{ maximized: false, fullScreen: false }, ['show']],
      [{ maximized: true, fullScreen: false }, ['maximize', 'show']],
      [{ maximized: true, fullScreen: true }, ['fullScreen:true', 'show']],
    ] as const;
    for (const [state, calls] of cases) {
      const window = new FakeWindow();
      showWithLayout(window.asWindow, { placement: { width: 800, height: 600 }, ...state });
      expect(window.calls).toEqual(calls);
    }
  });
});
