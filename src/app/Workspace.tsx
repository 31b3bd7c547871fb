import { useCallback } from 'react';
import type { Problem } from '../model/types';
import { ProblemsPanel } from '../panels/ProblemsPanel';
import { WidgetsPanel } from '../panels/WidgetsPanel';
import { summarizeProblems } from '../store/problemSummary';
import { useEditorStore } from './EditorStoreContext';

/** id of the widgets grid: where focus goes when nothing better is left (e.g. the empty state it replaced). */
export const WIDGETS_GRID_ID = 'widgets-grid';

/*
 * The panels are plain components fed by props; these small wrappers connect each one to the store, so a change
 * re-renders only the panels that read it. The canvas (next) joins as one more region of the workspace grid.
 */

function WidgetsRegion() {
  const definition = useEditorStore((s) => s.definition);
  const documentId = useEditorStore((s) => s.documentId);
  const summary = useEditorStore((s) => summarizeProblems(s.problems));
  const selectedWidget = useEditorStore((s) => s.selectedWidget);
  const selectWidget = useEditorStore((s) => s.selectWidget);
  if (!definition) return null;
  return (
    <WidgetsPanel
      // Another flow starts at the top of the list.
      key={documentId}
      gridId={WIDGETS_GRID_ID}
      definition={definition}
      summary={summary}
      selectedWidget={selectedWidget}
      onSelectWidget={selectWidget}
    />
  );
}

function ProblemsRegion() {
  const problems = useEditorStore((s) => s.problems);
  const documentId = useEditorStore((s) => s.documentId);
  const summary = useEditorStore((s) => summarizeProblems(s.problems));
  const selectedWidget = useEditorStore((s) => s.selectedWidget);
  const selectWidget = useEditorStore((s) => s.selectWidget);
  const chooseProblem = useCallback(
    (problem: Problem) => selectWidget(problem.widget ?? null),
    [selectWidget],
  );
  return (
    <ProblemsPanel
      key={documentId}
      problems={problems}
      summary={summary}
      selectedWidget={selectedWidget}
      onChooseProblem={chooseProblem}
    />
  );
}

export function Workspace() {
  return (
    <div className="workspace">
      <div className="region region-widgets">
        <WidgetsRegion />
      </div>
      <div className="region region-problems">
        <ProblemsRegion />
      </div>
    </div>
  );
}
