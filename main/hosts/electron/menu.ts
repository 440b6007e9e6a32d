import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { MenuCommand } from '../../../shared/api.js';

export interface MenuActions {
  openBundle: () => void;
  openFolder: () => void;
  openRecent: (path: string) => void;
  openSession: () => void;
  openDemo: () => void;
  saveSession: () => void;
  showAbout: () => void;
  quit: () => void;
  /** Asks the page to carry out a command (the page owns the text size preference). */
  sendToPage: (command: MenuCommand) => void;
  /** Most recent first. */
  recent: readonly string[];
}

/**
 * A View item that steps the page's own text size preference instead of Electron's page zoom
 * (the zoom roles would scale the page on top of the preference, and not be remembered with it).
 * The key is shown but not registered: the page's own Ctrl+= / Ctrl+- / Ctrl+0 handler takes it,
 * in the browser host as here, so one key press is one step. (registerAccelerator works on Linux
 * and Windows; on macOS the page sees the key first and its preventDefault keeps it from the menu.)
 */
function textSizeItem(label: string, accelerator: string, command: MenuCommand, actions: MenuActions): MenuItemConstructorOptions {
  return { label, accelerator, registerAccelerator: false, click: () => actions.sendToPage(command) };
}

/** The native menu: File (Open bundle…, Open folder…, Recent, Open session…, Save session as…, Quit), View (text size, full screen), Help. */
export function menuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const recent: MenuItemConstructorOptions[] = actions.recent.length
    ? actions.recent.map((path) => ({ label: basename(path), sublabel: path, click: () => actions.openRecent(path) }))
    : [{ label: 'No recent evidence', enabled: false }];
  return [
    {
      label: 'File',
      submenu: [
        { label: 'Open bundle…', accelerator: 'CmdOrCtrl+O', click: () => actions.openBundle() },
        { label: 'Open folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.openFolder() },
        { label: 'Recent', submenu: recent },
        { label: 'Open the demo case', click: () => actions.openDemo() },
        { type: 'separator' },
        { label: 'Open session…', accelerator: 'CmdOrCtrl+Alt+O', click: () => actions.openSession() },
        { label: 'Save session as…', accelerator: 'CmdOrCtrl+S', click: () => actions.saveSession() },
        { type: 'separator' },
        { label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
      ],
    },
    {
      label: 'View',
      submenu: [
        textSizeItem('Larger text', 'CmdOrCtrl+=', 'text.larger', actions),
        textSizeItem('Smaller text', 'CmdOrCtrl+-', 'text.smaller', actions),
        textSizeItem('Default text size', 'CmdOrCtrl+0', 'text.default', actions),
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Help', submenu: [{ label: 'About MAAS Forensic Workbench', click: () => actions.showAbout() }] },
  ];
}
