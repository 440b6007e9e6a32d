import type { BrowserWindow, Rectangle } from 'electron';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** Where the main window opens: a remembered place, or only a size (Electron centres it). */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

/** The size of the main window on a first start, before the user has moved or resized it. */
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 } as const;

/** The file, in app.getPath('userData'), that keeps the main window's place between starts. */
export const WINDOW_LAYOUT_FILE = 'window-layout.json';

/** How long the window must rest after a move or resize before its place is written. */
export const SAVE_DELAY_MS = 500;

/** The smallest window a remembered layout opens: anything smaller is too easy to lose on the screen. */
const MIN_SIZE = { width: 400, height: 300 } as const;

/** Pixel coordinates of any screen setup there is, and nothing absurd. */
const coordinate = z.number().int().min(-100_000).max(100_000);
const BoundsSchema = z.strictObject({ x: coordinate, y: coordinate, width: coordinate.positive(), height: coordinate.positive() });

const SavedLayoutSchema = z.strictObject({
  bounds: BoundsSchema,
  maximized: z.boolean(),
  fullScreen: z.boolean(),
});

/** Where and how the main window opens. `placement` has no x/y on a first start: Electron centres it. */
export interface WindowLayout {
  placement: WindowPlacement;
  maximized: boolean;
  fullScreen: boolean;
}

export const DEFAULT_LAYOUT: WindowLayout = { placement: { ...DEFAULT_WINDOW_SIZE }, maximized: false, fullScreen: false };

const area = (r: Rectangle): number => Math.max(0, r.width) * Math.max(0, r.height);

function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function centreDistance(a: Rectangle, b: Rectangle): number {
  return Math.hypot(a.x + a.width / 2 - (b.x + b.width / 2), a.y + a.height / 2 - (b.y + b.height / 2));
}

const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), Math.max(low, high));

/**
 * Puts remembered bounds inside one display's work area (the screen less task bars and docks): the
 * area the window covers most, or, when it covers none (its monitor was unplugged, the resolution
 * went down), the nearest one. The window keeps its size when it fits and is moved the least it can.
 * With no display known the bounds are kept as they are.
 */
export function placeOnScreen(bounds: Rectangle, workAreas: readonly Rectangle[]): Rectangle {
  const usable = workAreas.filter((a) => area(a) > 0);
  if (usable.length === 0) return bounds;
  const byOverlap = [...usable].sort((a, b) => overlap(bounds, b) - overlap(bounds, a));
  const target = overlap(bounds, byOverlap[0]!) > 0
    ? byOverlap[0]!
    : [...usable].sort((a, b) => centreDistance(bounds, a) - centreDistance(bounds, b))[0]!;
  const width = Math.min(bounds.width, target.width);
  const height = Math.min(bounds.height, target.height);
  return {
    x: clamp(bounds.x, target.x, target.x + target.width - width),
    y: clamp(bounds.y, target.y, target.y + target.height - height),
    width,
    height,
  };
}

/**
 * The layout the last run saved, placed on the displays there are now; the default layout on a
 * first start. A file that cannot be read as a layout is ignored with a warning, never fatal.
 */
export function readWindowLayout(file: string, workAreas: readonly Rectangle[], warn: (message: string) => void): WindowLayout {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') warn(`${file}: ${(err as Error).message}; the window opens at its default size`);
    return DEFAULT_LAYOUT;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    warn(`${file}: not JSON; the window opens at its default size`);
    return DEFAULT_LAYOUT;
  }
  const parsed = SavedLayoutSchema.safeParse(value);
  if (!parsed.success) {
    warn(`${file}: not a window layout (${parsed.error.issues[0]?.path.join('.') || 'top'}: ${parsed.error.issues[0]?.message ?? 'invalid'}); the window opens at its default size`);
    return DEFAULT_LAYOUT;
  }
  const { bounds, maximized, fullScreen } = parsed.data;
  const sized = { ...bounds, width: Math.max(bounds.width, MIN_SIZE.width), height: Math.max(bounds.height, MIN_SIZE.height) };
  return { placement: placeOnScreen(sized, workAreas), maximized, fullScreen };
}

/** Writes the layout to a temporary file and renames it over the old one: a crash never leaves half a file. */
export function writeWindowLayout(file: string, layout: z.infer<typeof SavedLayoutSchema>): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, `${JSON.stringify(layout)}\n`);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** What of a BrowserWindow the layout reads and listens to. */
export type LayoutWindow = Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized' | 'isFullScreen' | 'maximize' | 'setFullScreen' | 'show'>;

/** Shows the window as it was left: maximised or full screen over its remembered normal bounds. */
export function showWithLayout(window: LayoutWindow, layout: WindowLayout): void {
  if (layout.fullScreen) window.setFullScreen(true);
  else if (layout.maximized) window.maximize();
  window.show();
}

/** Events after which the window's place may have changed. */
const CHANGES = ['resize', 'move', 'maximize', 'unmaximize', 'enter-full-screen', 'leave-full-screen'] as const;

/**
 * Remembers the window's place: after it rests from a move or resize (debounced by `delayMs`) and
 * at once when it closes. The normal bounds are kept under a maximised or full-screen window, so
 * that leaving either state later returns to them. A write that fails (a read-only profile) is
 * reported once by `warn` and the app goes on. Returns a function that flushes a pending write.
 */
export function trackWindowLayout(window: LayoutWindow, file: string, warn: (message: string) => void, delayMs = SAVE_DELAY_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let warned = false;
  const save = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    try {
      const { x, y, width, height } = window.getNormalBounds();
      writeWindowLayout(file, { bounds: { x, y, width, height }, maximized: window.isMaximized(), fullScreen: window.isFullScreen() });
    } catch (err) {
      if (!warned) warn(`${file}: the window layout could not be saved: ${(err as Error).message}`);
      warned = true;
    }
  };
  const later = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  };
  for (const event of CHANGES) window.on(event as 'resize', later);
  window.on('close', save);
  return () => {
    if (timer !== undefined) save();
  };
}
