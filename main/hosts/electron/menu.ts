import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';

export interface MenuActions {
  openBundle: () => void;
  openFolder: () => void;
  openRecent: (path: string) => void;
  openSession: () => void;
  openDemo: () => void;
  saveSession: () => void;
  showAbout: () => void;
  quit: () => void;
  /** Most recent first. */
  recent: readonly string[];
}

/** The native menu: File (Open bundle…, Open folder…, Recent, Open session…, Save session as…, Quit), View, Help. */
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
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { label: 'Help', submenu: [{ label: 'About MAAS Forensic Workbench', click: () => actions.showAbout() }] },
  ];
}
