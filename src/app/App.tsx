import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { ExportDialog } from '../panels/ExportDialog';
import { formatImportError } from '../panels/format';
import { ImportDialog } from '../panels/ImportDialog';
import { AppHeader } from './AppHeader';
import { useEditorStore } from './EditorStoreContext';
import { EmptyState } from './EmptyState';
import { SearchDialogContainer, ShortcutsDialogContainer } from './ShellControls';
import { useFileOpener, type FileOpenError } from './useFileOpener';
import { useGlobalShortcuts } from './useGlobalShortcuts';
import { usePersistence } from './usePersistence';
import { WIDGETS_GRID_ID, Workspace } from './Workspace';

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer.types.includes('Files');
}

/** The main area takes a dropped file; it says so while a file is dragged over it. */
function DropArea({ onFile, children }: { onFile: (file: File) => void; children: ReactNode }) {
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them to know when the pointer really left.
  const depth = useRef(0);

  // A file dropped anywhere else would make the browser navigate to it, and the open flow would be gone.
  useEffect(() => {
    const refuse = (event: globalThis.DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    window.addEventListener('dragover', refuse);
    window.addEventListener('drop', refuse);
    return () => {
      window.removeEventListener('dragover', refuse);
      window.removeEventListener('drop', refuse);
    };
  }, []);

  return (
    <main
      className="main"
      onDragEnter={(event) => {
        if (!hasFiles(event)) return;
        depth.current += 1;
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!hasFiles(event)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      }}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        depth.current = 0;
        setDragging(false);
        const file = event.dataTransfer.files[0];
        if (file) onFile(file);
      }}
    >
      {children}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop a .json file to open it</p>
        </div>
      )}
    </main>
  );
}

function FileErrorBanner({ fileError, onDismiss }: { fileError: FileOpenError; onDismiss: () => void }) {
  return (
    <div className="banner banner-error" role="alert">
      <p>
        <strong>Could not open {fileError.fileName}.</strong> {formatImportError(fileError.error)}
      </p>
      <button type="button" className="button button-small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

function ImportDialogContainer() {
  const open = useEditorStore((s) => s.dialog === 'import');
  const pending = useEditorStore((s) => s.pendingImport);
  const preview = useEditorStore((s) => s.importPreview);
  const flowOpen = useEditorStore((s) => s.definition !== null);
  const importText = useEditorStore((s) => s.importText);
  const openImportEntry = useEditorStore((s) => s.openImportEntry);
  const confirmImport = useEditorStore((s) => s.confirmImport);
  const discardPendingImport = useEditorStore((s) => s.discardPendingImport);
  const closeDialog = useEditorStore((s) => s.closeDialog);
  return (
    <ImportDialog
      open={open}
      pending={pending}
      preview={preview}
      onReplace={confirmImport}
      flowOpen={flowOpen}
      onImport={(text) => importText(text)}
      onOpenEntry={openImportEntry}
      onBack={discardPendingImport}
      onClose={closeDialog}
      fallbackFocusId={WIDGETS_GRID_ID}
    />
  );
}

function ExportDialogContainer() {
  const open = useEditorStore((s) => s.dialog === 'export');
  const definition = useEditorStore((s) => s.definition);
  const fileName = useEditorStore((s) => s.fileName);
  const flowSid = useEditorStore((s) => s.source?.flowSid);
  const publish = useEditorStore((s) => s.publish);
  const setPublish = useEditorStore((s) => s.setPublish);
  const closeDialog = useEditorStore((s) => s.closeDialog);
  return (
    <ExportDialog
      open={open}
      definition={definition}
      fileName={fileName}
      flowSid={flowSid}
      publish={publish}
      onPublishChange={setPublish}
      onClose={closeDialog}
      fallbackFocusId={WIDGETS_GRID_ID}
    />
  );
}

/** The composition root: header, main area (empty state or workspace), dialogs. */
export function App() {
  const hasFlow = useEditorStore((s) => s.definition !== null);
  const { openFile, fileError, dismissFileError } = useFileOpener();
  const onFile = (file: File) => void openFile(file);
  // The last session is read before the empty state may show; then every change is saved locally.
  const { restoring, notice } = usePersistence();
  useGlobalShortcuts();

  return (
    <div className="app">
      <AppHeader onOpenFile={onFile} notice={notice} />
      {fileError && <FileErrorBanner fileError={fileError} onDismiss={dismissFileError} />}
      <DropArea onFile={onFile}>
        {hasFlow ? <Workspace /> : restoring ? null : <EmptyState onOpenFile={onFile} />}
      </DropArea>
      <ImportDialogContainer />
      <SearchDialogContainer />
      <ShortcutsDialogContainer />
      <ExportDialogContainer />
    </div>
  );
}
