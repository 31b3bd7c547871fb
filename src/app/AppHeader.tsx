import { useId } from 'react';
import { OpenFileButton } from '../panels/OpenFileButton';
import type { Profile } from '../store/editorStore';
import { useCompareStore } from './CompareStoreContext';
import { useEditorStore } from './EditorStoreContext';
import { NavigationButtons, PersistenceStatus, UndoRedoButtons } from './ShellControls';
import type { PersistenceNotice } from './usePersistence';

const PROFILES: readonly { value: Profile; label: string }[] = [
  { value: 'studio', label: 'Studio' },
  { value: 'official', label: 'Official schemas' },
];

function isProfile(value: string): value is Profile {
  return PROFILES.some((p) => p.value === value);
}

/** What is open, announced politely after every import. */
function DocumentStatus() {
  const source = useEditorStore((s) => s.source);
  const fileName = useEditorStore((s) => s.fileName);
  const widgetCount = useEditorStore((s) => s.definition?.states.length ?? 0);
  return (
    <p className="doc-status" role="status">
      {source ? (
        <>
          <span className="doc-label">{source.label}</span>
          <span className="muted">
            {' · '}
            {widgetCount} {widgetCount === 1 ? 'widget' : 'widgets'}
            {fileName ? ` · ${fileName}` : ''}
          </span>
        </>
      ) : (
        <span className="muted">No flow open</span>
      )}
    </p>
  );
}

export function AppHeader({
  onOpenFile,
  notice = null,
}: {
  onOpenFile: (file: File) => void;
  /** What local saving has to say (usePersistence). */
  notice?: PersistenceNotice | null;
}) {
  const profileId = useId();
  const profile = useEditorStore((s) => s.profile);
  const setProfile = useEditorStore((s) => s.setProfile);
  const openDialog = useEditorStore((s) => s.openDialog);
  const createNewFlow = useEditorStore((s) => s.createNewFlow);
  const hasFlow = useEditorStore((s) => s.definition !== null);
  // While comparing, the document stays as it is: its actions step aside until the comparison is left.
  const comparing = useCompareStore((s) => s.session !== null);

  return (
    <header className="app-header">
      <h1 className="app-title">
        <img src="/favicon.svg" alt="" width="20" height="20" />
        Studio Flow Editor
      </h1>
      <div className="header-actions" role="group" aria-label="Document">
        {!comparing && (
          <>
            <OpenFileButton onFile={onOpenFile}>Open file…</OpenFileButton>
            <button type="button" className="button" onClick={() => openDialog('import')}>
              Paste JSON…
            </button>
            <button type="button" className="button" onClick={createNewFlow}>
              New flow
            </button>
            <button type="button" className="button" disabled={!hasFlow} onClick={() => openDialog('export')}>
              Export…
            </button>
          </>
        )}
        <button type="button" className="button" aria-haspopup="dialog" onClick={() => openDialog('compare')}>
          Compare…
        </button>
      </div>
      {!comparing && <UndoRedoButtons />}
      <DocumentStatus />
      <PersistenceStatus notice={notice} />
      <NavigationButtons />
      <div className="header-field">
        <label htmlFor={profileId}>Validation profile</label>
        <select
          id={profileId}
          value={profile}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (isProfile(value)) setProfile(value);
          }}
        >
          {PROFILES.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
    </header>
  );
}
