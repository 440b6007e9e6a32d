import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate, type MenuActions } from '../../../../main/hosts/electron/menu.js';
import { API_EVENTS, MENU_COMMANDS } from '../../../../shared/api.js';

function actions(recent: string[] = []): MenuActions {
  return { openBundle: vi.fn(), openFolder: vi.fn(), openRecent: vi.fn(), openSession: vi.fn(), openDemo: vi.fn(), saveSession: vi.fn(), showAbout: vi.fn(), quit: vi.fn(), sendToPage: vi.fn(), recent };
}

function item(template: MenuItemConstructorOptions[], ...labels: string[]): MenuItemConstructorOptions {
  let items = template;
  let found: MenuItemConstructorOptions | undefined;
  for (const label of labels) {
    found = items.find((i) => i.label === label);
    if (!found) throw new Error(`no menu item ${labels.join(' > ')}`);
    items = Array.isArray(found.submenu) ? found.submenu : [];
  }
  return found!;
}

const click = (entry: MenuItemConstructorOptions): void => (entry.click as () => void)();

describe('the native menu', () => {
  it('has File, View and Help', () => {
    expect(menuTemplate(actions()).map((m) => m.label)).toEqual(['File', 'View', 'Help']);
  });

  it('opens a bundle, a folder and quits through the actions it is given', () => {
    const a = actions();
    const template = menuTemplate(a);
    click(item(template, 'File', 'Open bundle…'));
    expect(a.openBundle).toHaveBeenCalledOnce();
    click(item(template, 'File', 'Open folder…'));
    expect(a.openFolder).toHaveBeenCalledOnce();
    click(item(template, 'File', 'Open the demo case'));
    expect(a.openDemo).toHaveBeenCalledOnce();
    click(item(template, 'File', 'Open session…'));
    expect(a.openSession).toHaveBeenCalledOnce();
    click(item(template, 'File', 'Save session as…'));
    expect(a.saveSession).toHaveBeenCalledOnce();
    expect(item(template, 'File', 'Save session as…').accelerator).toBe('CmdOrCtrl+S');
    click(item(template, 'File', 'Quit'));
    expect(a.quit).toHaveBeenCalledOnce();
    expect(item(template, 'File', 'Open bundle…').accelerator).toBe('CmdOrCtrl+O');
  });

  it('lists recent evidence by name and reopens the full path', () => {
    const a = actions(['/cases/42/sosreport-a.tar.xz', '/cases/41/logs']);
    const recent = item(menuTemplate(a), 'File', 'Recent').submenu as MenuItemConstructorOptions[];
    expect(recent.map((r) => r.label)).toEqual(['sosreport-a.tar.xz', 'logs']);
    click(recent[1]!);
    expect(a.openRecent).toHaveBeenCalledExactlyOnceWith('/cases/41/logs');
  });

  it('shows a disabled entry when nothing was opened yet', () => {
    expect(item(menuTemplate(actions()), 'File', 'Recent').submenu).toEqual([{ label: 'No recent evidence', enabled: false }]);
  });

  it('steps the page\'s own text size from View, instead of zooming the page', () => {
    const sendToPage = vi.fn();
    const template = menuTemplate({ ...actions(), sendToPage });
    const view = item(template, 'View').submenu as MenuItemConstructorOptions[];
    expect(view.map((i) => i.role).filter(Boolean)).toEqual(['togglefullscreen']);
    for (const role of ['zoomIn', 'zoomOut', 'resetZoom']) expect(view.some((i) => i.role === role)).toBe(false);
    click(item(template, 'View', 'Larger text'));
    click(item(template, 'View', 'Smaller text'));
    click(item(template, 'View', 'Default text size'));
    expect(sendToPage.mock.calls).toEqual([['text.larger'], ['text.smaller'], ['text.default']]);
    for (const [command] of sendToPage.mock.calls as [string][]) expect(API_EVENTS['menu.command'].safeParse({ command }).success).toBe(true);
    expect(MENU_COMMANDS).toHaveLength(3);
  });

  it('shows Ctrl+= / Ctrl+- / Ctrl+0 beside the text size items but leaves the keys to the page', () => {
    const template = menuTemplate(actions());
    const keys = ['Larger text', 'Smaller text', 'Default text size'].map((label) => item(template, 'View', label));
    expect(keys.map((k) => k.accelerator)).toEqual(['CmdOrCtrl+=', 'CmdOrCtrl+-', 'CmdOrCtrl+0']);
    // Registered, the keys would reach the page too and step twice.
    for (const k of keys) expect(k.registerAccelerator).toBe(false);
  });
});
