import {
  Component,
  lazy,
  type ComponentType,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type ReactNode,
} from 'react';
import { formatImportError } from '../panels/format';
import { ImportDialog } from '../panels/ImportDialog';
import { ImportProgress } from '../panels/ImportProgress';
import { createCompareStore, defaultChoices, loadDiff, type CompareContext } from '../store/compare';
import { canvasDefinition } from '../store/editing';
import { ImportCancelled, importInput } from '../store/importJob';
import { AppHeader } from './AppHeader';
import { CommandPaletteContainer } from './CommandPalette';
import { CommandsProvider, useCommandHost, useOpenFileCommand } from './CommandsContext';
import { CompareStoreProvider, useCompareStore } from './CompareStoreContext';
import { RemoteProvider } from './account/RemoteContext';
import { RemoteErrorBanner, StudioBridge } from './account/StudioStatus';
import { useEditor } from '../store/react';
import { EmptyState } from './EmptyState';
import { WIDGETS_GRID_ID } from './ids';
import { SearchDialogContainer, ShortcutsDialogContainer } from './ShellControls';
import { useFileOpener, type FileOpenError } from './useFileOpener';
import { usePersistence } from './usePersistence';

/** A part of the app whose chunk could not be fetched (offline, or a newer version deployed meanwhile). */
class LoadError extends Error {
  override name = 'LoadError';
}

/**
 * A component whose module is fetched on demand (`fetch`, once; a chunk of its own). Where the module is already
 * there when the component mounts, it renders at once, in the same commit, as a component of the page would (so
 * that, e.g., focus can go to an element of it as a dialog closes); otherwise it suspends until the module arrives.
 */
function onDemand<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const fetch = (): Promise<ComponentType<P>> =>
    (pending ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        pending = undefined;
        throw new LoadError(error instanceof Error ? error.message : String(error), { cause: error });
      },
    ));
  const Lazy = lazy(() => fetch().then((component) => ({ default: component })));
  function OnDemand(props: P) {
    // Chosen once per mount: going from the lazy wrapper to the component itself would mount it afresh.
    const [Chosen] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return <Chosen {...props} />;
  }
  return { Component: OnDemand, fetch };
}

/*
 * What the first screen can do without is loaded on demand, each part a chunk of its own, so that the page's own
 * script stays small (the header and the start screen show before the rest has arrived):
 * - the workspace (canvas and React Flow, inspector forms, panels): asked for as the page starts (`prefetch`, from
 *   main.tsx) and not awaited, since a restored session shows it at once; until it is there the main area stays
 *   empty, as it does while the session is read;
 * - compare mode (its dialog, the diff view, the diff itself): when the compare dialog first opens;
 * - the export dialog (payloads, SVG/PNG images): when it first opens.
 * Nothing else may import these modules statically, or they are back in the page's script (hence ./ids.ts).
 */
const workspace = onDemand(() => import('./Workspace').then((m) => m.Workspace));
const diffView = onDemand(() => import('../panels/DiffView').then((m) => m.DiffView));
// The diff view and the diff come with the dialog: a comparison started there shows at once.
const compareDialog = onDemand(() =>
  Promise.all([import('../panels/CompareDialog'), loadDiff(), diffView.fetch()]).then(
    ([m]) => m.CompareDialog,
  ),
);
const exportDialog = onDemand(() => import('../panels/ExportDialog').then((m) => m.ExportDialog));
const Workspace = workspace.Component;
const DiffView = diffView.Component;
const CompareDialog = compareDialog.Component;
const ExportDialog = exportDialog.Component;

/** Starts fetching what may be wanted at once, without waiting for it: the workspace. */
export function prefetch(): void {
  // A failure shows where the workspace would (see `LoadBoundary`), not as an error of the page.
  workspace.fetch().catch(() => undefined);
}

/**
 * Around a part loaded on demand: if its chunk cannot be fetched, says so in a banner instead of taking the whole
 * page down with it. A dialog's banner shows while it is open; Dismiss closes it. Any other error goes on up, as it
 * would without this.
 */
class LoadBoundary extends Component<{
  what: string;
  open?: boolean;
  onDismiss?: () => void;
  children: ReactNode;
}> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    const { error } = this.state;
    const { what, open = true, onDismiss, children } = this.props;
    if (!error) return children;
    if (!(error instanceof LoadError)) throw error;
    if (!open) return null;
    return (
      <div className="banner banner-error" role="alert">
        <p>
          <strong>Could not load {what}.</strong> {error.message} Reloading the page usually helps.
        </p>
        {onDismiss && (
          <button type="button" className="button button-small" onClick={onDismiss}>
            Dismiss
          </button>
        )}
      </div>
    );
  }
}

/**
 * A dialog loaded on demand: mounted the first time it opens (fetched then) and kept mounted after, so it keeps
 * what was typed or chosen in it, as it did when it was part of the page. While it loads, a progress banner shows
 * (after a moment) with Cancel, which closes it.
 */
function DeferredDialog({
  open,
  what,
  onClose,
  children,
}: {
  open: boolean;
  what: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  if (!opened) return null;
  return (
    <LoadBoundary what={what} open={open} onDismiss={onClose}>
      <Suspense
        fallback={
          open ? <ImportProgress label={`Loading ${what}…`} onCancel={onClose} className="banner" /> : null
        }
      >
        {children}
      </Suspense>
    </LoadBoundary>
  );
}

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer.types.includes('Files');
}

/**
 * The main area takes a dropped file; it says so while a file is dragged over it. Not while comparing (`enabled`
 * false): the open flow is not to change behind the comparison, and a dropped file is refused.
 */
function DropArea({
  onFile,
  enabled = true,
  children,
}: {
  onFile: (file: File) => void;
  enabled?: boolean;
  children: ReactNode;
}) {
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
        if (!enabled || !hasFiles(event)) return;
        depth.current += 1;
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!hasFiles(event)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      }}
      onDragOver={(event) => {
        if (!enabled || !hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDrop={(event) => {
        if (!enabled || !hasFiles(event)) return;
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
  const open = useEditor((s) => s.dialog === 'import');
  const pending = useEditor((s) => s.pendingImport);
  const preview = useEditor((s) => s.importPreview);
  const flowOpen = useEditor((s) => s.definition !== null);
  const importResult = useEditor((s) => s.importResult);
  const openImportEntry = useEditor((s) => s.openImportEntry);
  const confirmImport = useEditor((s) => s.confirmImport);
  const discardPendingImport = useEditor((s) => s.discardPendingImport);
  const closeDialog = useEditor((s) => s.closeDialog);
  return (
    <ImportDialog
      open={open}
      pending={pending}
      preview={preview}
      onReplace={confirmImport}
      flowOpen={flowOpen}
      onImport={async (text, signal) => {
        const result = await importInput({ kind: 'text', text }, signal);
        if (result.ok) {
          // The workspace is there before the flow opens, so focus can go to it as the dialog closes.
          await workspace.fetch().catch(() => undefined);
          if (signal.aborted) throw new ImportCancelled();
        }
        return importResult(result);
      }}
      onOpenEntry={openImportEntry}
      onBack={discardPendingImport}
      onClose={closeDialog}
      fallbackFocusId={WIDGETS_GRID_ID}
    />
  );
}

function ExportDialogContainer() {
  const open = useEditor((s) => s.dialog === 'export');
  const definition = useEditor((s) => s.definition);
  const imageDefinition = useEditor(canvasDefinition);
  const fileName = useEditor((s) => s.fileName);
  const flowSid = useEditor((s) => s.source?.flowSid);
  const publish = useEditor((s) => s.publish);
  const setPublish = useEditor((s) => s.setPublish);
  const closeDialog = useEditor((s) => s.closeDialog);
  return (
    <DeferredDialog open={open} what="the export dialog" onClose={closeDialog}>
      <ExportDialog
        open={open}
        definition={definition}
        imageDefinition={imageDefinition}
        fileName={fileName}
        flowSid={flowSid}
        publish={publish}
        onPublishChange={setPublish}
        onClose={closeDialog}
        fallbackFocusId={WIDGETS_GRID_ID}
      />
    </DeferredDialog>
  );
}

/** id of the change list's grid in compare mode (where focus goes when its opener is gone). */
export const CHANGES_GRID_ID = 'diff-changes-grid';

function CompareDialogContainer() {
  const open = useEditor((s) => s.dialog === 'compare');
  const definition = useEditor((s) => s.definition);
  const source = useEditor((s) => s.source);
  const fileName = useEditor((s) => s.fileName);
  const revisions = useEditor((s) => s.revisions);
  const closeDialog = useEditor((s) => s.closeDialog);
  const session = useCompareStore((s) => s.session);
  const start = useCompareStore((s) => s.start);
  const context = useMemo<CompareContext>(
    () => ({ definition, source, fileName, revisions }),
    [definition, source, fileName, revisions],
  );
  const initial = useMemo(
    () =>
      session ? { base: session.base.choice, changed: session.changed.choice } : defaultChoices(context),
    [session, context],
  );
  return (
    <DeferredDialog open={open} what="compare mode" onClose={closeDialog}>
      <CompareDialog
        open={open}
        context={context}
        initial={initial}
        onCompare={(base, changed) => {
          start(base, changed);
          closeDialog();
        }}
        onClose={closeDialog}
        fallbackFocusId={session ? CHANGES_GRID_ID : WIDGETS_GRID_ID}
      />
    </DeferredDialog>
  );
}

function DiffViewContainer() {
  const session = useCompareStore((s) => s.session);
  const includeLayout = useCompareStore((s) => s.includeLayout);
  const selectedId = useCompareStore((s) => s.selectedId);
  const focusRequest = useCompareStore((s) => s.focusRequest);
  const select = useCompareStore((s) => s.select);
  const setIncludeLayout = useCompareStore((s) => s.setIncludeLayout);
  const { run } = useCommandHost();
  const onSelect = useCallback((id: string | null, focus: boolean) => select(id, { focus }), [select]);
  const onStep = useCallback(
    (direction: 1 | -1) => void run(direction === 1 ? 'next-change' : 'previous-change'),
    [run],
  );
  const onSwap = useCallback(() => void run('swap-versions'), [run]);
  // The button is gone with the view: the command gives the editor's widget list the keyboard.
  const onExit = useCallback(() => void run('exit-compare'), [run]);
  if (!session) return null;
  return (
    <DiffView
      session={session}
      includeLayout={includeLayout}
      selectedId={selectedId}
      focusRequest={focusRequest}
      onSelect={onSelect}
      onStep={onStep}
      onSwap={onSwap}
      onIncludeLayoutChange={setIncludeLayout}
      onExit={onExit}
      changesGridId={CHANGES_GRID_ID}
    />
  );
}

/** Header, main area (empty state, workspace, or the comparison in front of the workspace), dialogs. */
function AppShell() {
  const hasFlow = useEditor((s) => s.definition !== null);
  const comparing = useCompareStore((s) => s.session !== null);
  const { openFile, fileError, dismissFileError, job } = useFileOpener();
  const onFile = (file: File) => void openFile(file);
  // The last session is read before the empty state may show; then every change is saved locally.
  const { restoring, notice } = usePersistence();
  // "Open file…" from the palette opens the chosen file as the header's button does.
  useOpenFileCommand(onFile);

  return (
    <div className="app">
      <AppHeader onOpenFile={onFile} notice={notice} />
      {fileError && <FileErrorBanner fileError={fileError} onDismiss={dismissFileError} />}
      <RemoteErrorBanner />
      {job && <ImportProgress key={job.label} label={job.label} onCancel={job.cancel} className="banner" />}
      <DropArea onFile={onFile} enabled={!comparing}>
        {/* The workspace stays mounted (hidden) while comparing: leaving compare mode finds it as it was. */}
        {hasFlow ? (
          <div className="workspace-host" hidden={comparing}>
            <LoadBoundary what="the editor">
              <Suspense fallback={null}>
                <Workspace />
              </Suspense>
            </LoadBoundary>
          </div>
        ) : restoring || comparing ? null : (
          <EmptyState onOpenFile={onFile} />
        )}
        {comparing && (
          <LoadBoundary what="the diff view">
            <Suspense fallback={null}>
              <DiffViewContainer />
            </Suspense>
          </LoadBoundary>
        )}
      </DropArea>
      <ImportDialogContainer />
      <SearchDialogContainer />
      <ShortcutsDialogContainer />
      <ExportDialogContainer />
      <CompareDialogContainer />
      <CommandPaletteContainer />
      <StudioBridge />
    </div>
  );
}

/** The composition root: the compare store next to the editor's, the commands over both, then the shell. */
export function App() {
  const [compareStore] = useState(createCompareStore);
  return (
    <CompareStoreProvider store={compareStore}>
      <CommandsProvider>
        <RemoteProvider>
          <AppShell />
        </RemoteProvider>
      </CommandsProvider>
    </CompareStoreProvider>
  );
}
