import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { EditorStoreProvider } from './app/EditorStoreContext';
import './styles/theme.css';
import './styles/app.css';
import './styles/panels.css';
import './styles/dialogs.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <EditorStoreProvider>
      <App />
    </EditorStoreProvider>
  </StrictMode>,
);
