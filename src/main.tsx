import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, prefetch } from './app/App';
import { EditorProvider } from './store/react';
import { loadProfile } from './validation/lazy';
import './styles/theme.css';
import './styles/app.css';
import './styles/panels.css';
import './styles/dialogs.css';

// The default profile's validators and the workspace are chunks of their own (src/validation/lazy.ts, App.tsx):
// fetched now, alongside the first render and the restore of the last session, not before them. Until the
// validators are in, the store shows problems as pending; a failure is the store's to report (it asks again when it
// validates), not an error of the page.
loadProfile('studio').catch(() => undefined);
prefetch();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <EditorProvider>
      <App />
    </EditorProvider>
  </StrictMode>,
);
