import { useId } from 'react';
import { OpenFileButton } from '../panels/OpenFileButton';
import { useCommand } from './CommandsContext';
import { SavedDocuments } from './SavedDocuments';

/** What the main area shows before any flow is open, with the flows saved in this browser to reopen. */
export function EmptyState({ onOpenFile }: { onOpenFile: (file: File) => void }) {
  const openFile = useCommand('open-file');
  const pasteJson = useCommand('paste-json');
  const newFlow = useCommand('new-flow');
  const titleId = useId();
  return (
    <section className="empty-state" aria-labelledby={titleId}>
      <h2 id={titleId}>No flow open</h2>
      <p>
        Open a Twilio Studio flow to see its widgets and what is wrong with them. A flow definition, a Flow or
        revision from the Studio API, a list of revisions and Twilio CLI output all work.
      </p>
      <p>
        You can also drop a <code>.json</code> file here.
      </p>
      <p className="muted">Everything stays in this browser: nothing is uploaded.</p>
      <div className="empty-actions">
        <OpenFileButton onFile={onOpenFile} className="button button-primary">
          {openFile.label}
        </OpenFileButton>
        <button type="button" className="button" onClick={pasteJson.run}>
          {pasteJson.label}
        </button>
        <button type="button" className="button" onClick={newFlow.run}>
          {newFlow.label}
        </button>
      </div>
      <SavedDocuments />
    </section>
  );
}
