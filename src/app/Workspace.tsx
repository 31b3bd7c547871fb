import { lazy, Suspense, useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import { ExecutionsProvider, useExecutionsOverlay } from './executions/ExecutionsContext';
import { CanvasProvider, FlowCanvas, useAddWidgetAtCentre, type CanvasCommands } from '../canvas';
import type { Problem } from '../model/types';
import { Palette } from '../panels/Palette';
import { ProblemsPanel } from '../panels/ProblemsPanel';
import { WidgetsPanel } from '../panels/WidgetsPanel';
import { summarizeProblems } from '../store/problemSummary';
import { problemsPending } from '../store/editorStore';
import { StudioVerdictPanel, useStudioProblems } from './account/StudioStatus';
import { Inspector } from '../inspector/Inspector';
import { JsonView } from '../panels/JsonView';
import { selectedWidget } from '../store/editing';
import { useCommandHost } from './CommandsContext';
import { useEditor } from '../store/react';
import { WIDGETS_GRID_ID } from './ids';
import { isEditableTarget } from './shortcuts';

/*
 * The panels are plain components fed by props; these small wrappers connect each one to the store, so a change
 * re-renders only the panels that read it. Choosing a widget or a problem asks the canvas to centre and select
 * the widget (`focusWidget`).
 */

function PaletteRegion() {
  const addAtCentre = useAddWidgetAtCentre();
  return <Palette onAdd={addAtCentre} />;
}

function WidgetsRegion() {
  const definition = useEditor((s) => s.definition);
  const documentId = useEditor((s) => s.documentId);
  const summary = useEditor((s) => summarizeProblems(s.problems));
  const selected = useEditor(selectedWidget);
  const focusWidget = useEditor((s) => s.focusWidget);
  if (!definition) return null;
  return (
    <WidgetsPanel
      // Another flow starts at the top of the list.
      key={documentId}
      gridId={WIDGETS_GRID_ID}
      definition={definition}
      summary={summary}
      selectedWidget={selected}
      onSelectWidget={focusWidget}
    />
  );
}

function ProblemsRegion() {
  const offline = useEditor((s) => s.problems);
  const definition = useEditor((s) => s.definition);
  const studio = useStudioProblems(definition);
  // Studio's own errors (Validate with Studio, a refused save) join the offline ones while they are about this
  // definition. While the offline ones are still pending, so is the list.
  const problems = useMemo(
    () => (studio.length === 0 || problemsPending(offline) ? offline : [...studio, ...offline]),
    [offline, studio],
  );
  const documentId = useEditor((s) => s.documentId);
  const summary = useMemo(() => summarizeProblems(problems), [problems]);
  const selected = useEditor(selectedWidget);
  const focusWidget = useEditor((s) => s.focusWidget);
  const selectWidget = useEditor((s) => s.selectWidget);
  const chooseProblem = useCallback(
    (problem: Problem) => {
      // A flow-level problem belongs to no widget: nothing to show on the canvas.
      if (problem.widget === undefined) selectWidget(null);
      else focusWidget(problem.widget);
    },
    [focusWidget, selectWidget],
  );
  return (
    <>
      {definition && <StudioVerdictPanel definition={definition} />}
      <ProblemsPanel
        key={documentId}
        problems={problems}
        summary={summary}
        selectedWidget={selected}
        onChooseProblem={chooseProblem}
      />
    </>
  );
}

type RightTab = 'inspector' | 'json' | 'executions';
const RIGHT_TABS: readonly (readonly [RightTab, string])[] = [
  ['inspector', 'Inspector'],
  ['json', 'JSON'],
  ['executions', 'Executions'],
];

const ExecutionsPanel = lazy(() => import('./executions/ExecutionsPanel'));

/**
 * The right column: the inspector, the flow's JSON or its executions (each mounted when first chosen, so Monaco
 * loads only then, and kept mounted afterwards so switching back is instant and keeps its state).
 */
function RightColumn() {
  const [tab, setTab] = useState<RightTab>('inspector');
  const [opened, setOpened] = useState<ReadonlySet<RightTab>>(() => new Set(['inspector']));
  const id = useId();
  const choose = (next: RightTab) => {
    setTab(next);
    if (!opened.has(next)) setOpened(new Set([...opened, next]));
  };
  const panel = (key: RightTab, content: ReactNode) =>
    opened.has(key) ? (
      <div
        key={key}
        className="right-tabs-panel"
        role="tabpanel"
        id={`${id}-${key}`}
        aria-labelledby={`${id}-${key}-tab`}
        hidden={tab !== key}
      >
        {content}
      </div>
    ) : null;
  return (
    <>
      <div className="right-tabs-bar" role="tablist" aria-label="Right panel">
        {RIGHT_TABS.map(([key, label], index) => (
          <button
            key={key}
            type="button"
            role="tab"
            id={`${id}-${key}-tab`}
            aria-controls={`${id}-${key}`}
            aria-selected={tab === key}
            tabIndex={tab === key ? 0 : -1}
            onClick={() => choose(key)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                e.preventDefault();
                const step = e.key === 'ArrowRight' ? 1 : RIGHT_TABS.length - 1;
                const next = RIGHT_TABS[(index + step) % RIGHT_TABS.length]?.[0] ?? 'inspector';
                choose(next);
                document.getElementById(`${id}-${next}-tab`)?.focus();
              }
            }}
          >
            {label}
          </button>
        ))}
      </div>
      {panel('inspector', <Inspector />)}
      {panel('json', <JsonView />)}
      {panel(
        'executions',
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <ExecutionsPanel />
        </Suspense>,
      )}
    </>
  );
}

/** The canvas, with the executions being looked at drawn over it. */
function CanvasRegion({ commands }: { commands: CanvasCommands }) {
  const { overlay, description } = useExecutionsOverlay();
  return <FlowCanvas commands={commands} overlay={overlay} overlayDescription={description} />;
}

/**
 * The editor's layout: the widget library on the left, the canvas in the middle, and a bottom dock with the
 * widgets list (the keyboard and screen-reader outline of the flow) beside the problems, and the inspector
 * on the right.
 */
export function Workspace() {
  // The canvas lends the app's commands its hooks and runs them for its toolbar and clipboard events.
  const host = useCommandHost();
  const commands = useMemo<CanvasCommands>(
    () => ({
      platform: host.context.ui.platform,
      attach: host.attachCanvas,
      run: host.run,
      isEditable: isEditableTarget,
    }),
    [host],
  );
  return (
    <ExecutionsProvider>
      <CanvasProvider>
        <div className="workspace editor-layout">
          <div className="region region-palette">
            <PaletteRegion />
          </div>
          <div className="region region-canvas">
            <CanvasRegion commands={commands} />
          </div>
          <div className="region region-widgets">
            <WidgetsRegion />
          </div>
          <div className="region region-problems">
            <ProblemsRegion />
          </div>
          <div className="region region-inspector right-tabs">
            <RightColumn />
          </div>
        </div>
      </CanvasProvider>
    </ExecutionsProvider>
  );
}
