import { useId } from 'react';
import { OpenFileButton } from '../panels/OpenFileButton';
import type { Profile } from '../store/editorStore';
import { useCommand } from './CommandsContext';
import { StudioHeader } from './account/StudioStatus';
import { useCompareStore } from './CompareStoreContext';
import { useEditor } from '../store/react';
import { formatSavedAt } from './persistence';
import { PersistenceDialogs } from './PersistenceDialogs';
import { NavigationButtons, PersistenceStatus, UndoRedoButtons } from './ShellControls';
import { usePersistenceUi, type PersistenceNotice } from './usePersistence';

const PROFILES: readonly { value: Profile; label: string }[] = [
  { value: 'studio', label: 'Studio' },
  { value: 'official', label: 'Official schemas' },
];

function isProfile(value: string): value is Profile {
  return PROFILES.some((p) => p.value === value);
}

/** What is open, announced politely after every import. */
function DocumentStatus() {
  const source = useEditor((s) => s.source);
  const fileName = useEditor((s) => s.fileName);
  const widgetCount = useEditor((s) => s.definition?.states.length ?? 0);
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

const SAVE_ICONS = {
  saved: 'M3.5 8.5l3 3 6-7',
  saving: 'M8 3v5l3 2',
  failed: 'M8 3.5v5.5M8 12v.5',
  lost: 'M8 3.5v5.5M8 12v.5',
} as const;

/**
 * Whether the open flow is saved in this browser: "Saved" (the time in its tooltip), "Saving…" only when a write
 * takes a while (writes start at once after every change and take about a millisecond: no flicker per keystroke),
 * "Not saved" after a failure or once another tab has taken the flow over. An icon, with its words beside it where
 * the header has room (the header is full at laptop widths; the words stay for screen readers). Not a live region:
 * it changes with every edit; failures are announced by the notice below the header.
 */
function SaveIndicator() {
  const hasFlow = useEditor((s) => s.definition !== null);
  const indicator = usePersistenceUi((s) => s.indicator);
  if (!hasFlow || indicator.state === 'none') return null;
  const text = {
    saved: 'Saved',
    saving: 'Saving…',
    failed: 'Not saved',
    lost: 'Not saved here',
  }[indicator.state];
  const at = indicator.state === 'saved' ? formatSavedAt(indicator.savedAt, new Date()) : null;
  const title = {
    saved: at ? `Saved in this browser at ${at}` : 'Saved in this browser',
    saving: 'Saving in this browser',
    failed: 'The last change could not be saved in this browser',
    lost: 'Another tab has this flow: this tab no longer saves it',
  }[indicator.state];
  return (
    <p className={`save-indicator save-indicator-${indicator.state}`} title={title}>
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        <path
          d={SAVE_ICONS[indicator.state]}
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <span className="save-indicator-text">{text}</span>
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
  const profile = useEditor((s) => s.profile);
  const setProfile = useEditor((s) => s.setProfile);
  const openFile = useCommand('open-file');
  const pasteJson = useCommand('paste-json');
  const newFlow = useCommand('new-flow');
  const exportFlow = useCommand('export');
  const compare = useCommand('compare');
  // While comparing, the document stays as it is: its actions step aside until the comparison is left.
  const comparing = useCompareStore((s) => s.session !== null);

  return (
    <header className="app-header">
      <h1 className="app-title">
        <img src="/favicon.svg" alt="" width="20" height="20" />
        <span className="app-title-text">Studio Flow Editor</span>
      </h1>
      <div className="header-actions" role="group" aria-label="Document">
        {!comparing && (
          <>
            {/* A real file input (the platform's chooser, reachable by keyboard and assistive technology). */}
            <OpenFileButton onFile={onOpenFile}>{openFile.label}</OpenFileButton>
            <button type="button" className="button" disabled={!pasteJson.enabled} onClick={pasteJson.run}>
              {pasteJson.label}
            </button>
            <button type="button" className="button" disabled={!newFlow.enabled} onClick={newFlow.run}>
              {newFlow.label}
            </button>
            <button type="button" className="button" disabled={!exportFlow.enabled} onClick={exportFlow.run}>
              {exportFlow.label}
            </button>
          </>
        )}
        <button
          type="button"
          className="button"
          aria-haspopup="dialog"
          disabled={!compare.enabled}
          onClick={compare.run}
        >
          {compare.label}
        </button>
      </div>
      {!comparing && <UndoRedoButtons />}
      {!comparing && <StudioHeader />}
      <DocumentStatus />
      <SaveIndicator />
      <PersistenceStatus notice={notice} />
      <PersistenceDialogs />
      <NavigationButtons />
      <div className="header-field">
        <label htmlFor={profileId}>Validation profile</label>
        <select
          id={profileId}
          title="Validation profile: which schemas the flow is checked against"
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
