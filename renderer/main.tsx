import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './api/client.js';
import { App } from './App.js';
import { applyPrefs, loadPrefs, osPrefersDark } from './prefs/use-view-prefs.js';
import { ViewPrefsProvider } from './prefs/ViewPrefsProvider.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element to render into');
// A file dropped outside the drop zone must not replace the app with the file.
for (const type of ['dragover', 'drop'] as const) document.addEventListener(type, (e) => e.preventDefault());
// Before the first paint, so a dark-theme user never sees a light flash.
applyPrefs(loadPrefs(), osPrefersDark());
const client = createClient();
createRoot(root).render(
  <StrictMode>
    <ViewPrefsProvider>
      <App client={client} />
    </ViewPrefsProvider>
  </StrictMode>,
);
