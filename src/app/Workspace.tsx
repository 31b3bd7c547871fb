import { useCallback, useId, useMemo, useState } from 'react';
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

/**
 * The right column: the inspector, or the flow's JSON (mounted when first chosen, so Monaco loads only then, and
 * kept mounted afterwards so switching back is instant and keeps its cursor).
 */
function RightColumn() {
  const [tab, setTab] = useState<'inspector' | 'json'>('inspector');
  const [jsonOpened, setJsonOpened] = useState(false);
  const id = useId();
  const choose = (next: 'inspector' | 'json') => {
    setTab(next);
    if (next === 'json') setJsonOpened(true);
  };
  const tabs = [
    ['inspector', 'Inspector'],
    ['json', 'JSON'],
  ] as const;
  return (
    <>
      <div className="right-tabs-bar" role="tablist" aria-label="Right panel">
        {tabs.map(([key, label]) => (
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
                const next = tab === 'inspector' ? 'json' : 'inspector';
                choose(next);
                document.getElementById(`${id}-${next}-tab`)?.focus();
              }
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <div
        className="right-tabs-panel"
        role="tabpanel"
        id={`${id}-inspector`}
        aria-labelledby={`${id}-inspector-tab`}
        hidden={tab !== 'inspector'}
      >
        <Inspector />
      </div>
      {jsonOpened ? (
        <div
          className="right-tabs-panel"
          role="tabpanel"
          id={`${id}-json`}
          aria-labelledby={`${id}-json-tab`}
          hidden={tab !== 'json'}
        >
          <JsonView />
        </div>
      ) : null}
    </>
  );
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
    <CanvasProvider>
      <div className="workspace editor-layout">
        <div className="region region-palette">
          <PaletteRegion />
        </div>
        <div className="region region-canvas">
          <FlowCanvas commands={commands} />
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
  );
}
