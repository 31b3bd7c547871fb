/**
 * Compare mode's main area (it takes the workspace's place while a comparison runs): a toolbar (which versions,
 * Swap, "Show layout-only changes", exports, Exit compare), the change list on the left, the union canvas with its
 * legend in the middle and the chosen widget's changes on the right.
 *
 * Plain props in, callbacks out: the app connects it to the compare store (src/store/compare.ts).
 */
import { useCallback, useId, useState } from 'react';
import { DiffCanvas, DiffLegend, diffPositions, diffToSvg } from '../canvas';
import { svgToPngBlob } from '../canvas/exportImage';
import { diffToMarkdown } from '../diff';
import { diffFileName, emptyStateText, type CompareSession } from '../store/compare';
import { ChangeList } from './ChangeList';
import { useDownload } from './useDownload';
import { WidgetDiffPanel } from './WidgetDiffPanel';
import '../styles/diff-view.css';

export interface DiffViewProps {
  session: CompareSession;
  includeLayout: boolean;
  selectedId: string | null;
  focusRequest: { id: string; seq: number } | null;
  /** Chooses a widget (`focus`: and centres it on the canvas). */
  onSelect: (id: string | null, focus: boolean) => void;
  onStep: (direction: 1 | -1) => void;
  onSwap: () => void;
  onIncludeLayoutChange: (includeLayout: boolean) => void;
  onExit: () => void;
  /** id for the change list's grid (where focus can be sent). */
  changesGridId?: string;
}

/** Pixels per canvas pixel in the PNG (scaled down for huge flows by svgToPngBlob's limits). */
const PNG_SCALE = 2;

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function Toolbar({
  session,
  includeLayout,
  onSwap,
  onIncludeLayoutChange,
  onExit,
}: Pick<DiffViewProps, 'session' | 'includeLayout' | 'onSwap' | 'onIncludeLayoutChange' | 'onExit'>) {
  const [message, setMessage] = useState('');
  const [rendering, setRendering] = useState(false);
  const download = useDownload(setMessage);
  const { base, changed, diff } = session;

  const markdown = () =>
    diffToMarkdown(diff, { baseLabel: base.label, changedLabel: changed.label, includeLayout });

  const exportMarkdown = () =>
    download(new Blob([markdown()], { type: 'text/markdown' }), diffFileName(session, 'md'));

  const copyMarkdown = () => {
    setMessage('');
    navigator.clipboard.writeText(markdown()).then(
      () => setMessage('Copied the Markdown summary to the clipboard.'),
      (error: unknown) => setMessage(`Could not copy the Markdown summary: ${describeError(error)}`),
    );
  };

  /** The union as SVG, laid out like the canvas when it needs a layout. */
  const svg = async (): Promise<string> => {
    const positions = await diffPositions(diff, base.definition, changed.definition);
    return diffToSvg(diff, base.definition, changed.definition, {
      includeLayout,
      positions,
      title: `${base.label} → ${changed.label}`,
    });
  };

  const exportImage = (format: 'svg' | 'png') => {
    const name = diffFileName(session, format);
    setRendering(true);
    setMessage(`Making ${name}…`);
    svg()
      .then((text) =>
        format === 'svg' ? new Blob([text], { type: 'image/svg+xml' }) : svgToPngBlob(text, PNG_SCALE),
      )
      .then(
        (blob) => {
          setRendering(false);
          download(blob, name);
        },
        (error: unknown) => {
          setRendering(false);
          setMessage(`Could not make ${name}: ${describeError(error)}`);
        },
      );
  };

  return (
    <div className="diff-toolbar" role="group" aria-label="Comparison">
      <p className="diff-versions">
        <span>
          Base: <strong>{base.label}</strong>
        </span>
        <span aria-hidden="true"> → </span>
        <span>
          Changed: <strong>{changed.label}</strong>
        </span>
      </p>
      <button type="button" className="button button-small" onClick={onSwap}>
        Swap
      </button>
      <label className="diff-check">
        <input
          type="checkbox"
          checked={includeLayout}
          onChange={(event) => onIncludeLayoutChange(event.currentTarget.checked)}
        />
        Show layout-only changes
      </label>
      <span className="diff-toolbar-gap" />
      <div className="diff-exports" role="group" aria-label="Export the diff">
        <button type="button" className="button button-small" onClick={exportMarkdown}>
          Export Markdown
        </button>
        <button type="button" className="button button-small" onClick={copyMarkdown}>
          Copy Markdown
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={rendering}
          onClick={() => exportImage('svg')}
        >
          Export SVG
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={rendering}
          onClick={() => exportImage('png')}
        >
          Export PNG
        </button>
      </div>
      <button type="button" className="button button-small button-primary" onClick={onExit}>
        Exit compare
      </button>
      <p className="diff-message" role="status" aria-label="Export messages">
        {message}
      </p>
    </div>
  );
}

export function DiffView({
  session,
  includeLayout,
  selectedId,
  focusRequest,
  onSelect,
  onStep,
  onSwap,
  onIncludeLayoutChange,
  onExit,
  changesGridId,
}: DiffViewProps) {
  const canvasHeadingId = useId();
  const { diff, base, changed } = session;
  const selected = selectedId === null ? null : (diff.widgets.find((w) => w.id === selectedId) ?? null);
  const empty = emptyStateText(diff, includeLayout);
  const selectFromCanvas = useCallback((id: string | null) => onSelect(id, false), [onSelect]);

  return (
    <div className="diff-view">
      <Toolbar
        session={session}
        includeLayout={includeLayout}
        onSwap={onSwap}
        onIncludeLayoutChange={onIncludeLayoutChange}
        onExit={onExit}
      />
      <div className="diff-layout">
        <div className="region diff-region-changes">
          <ChangeList
            diff={diff}
            includeLayout={includeLayout}
            selectedId={selectedId}
            onChoose={(id) => onSelect(id, true)}
            onStep={onStep}
            gridId={changesGridId}
          />
        </div>
        <section className="region diff-region-canvas" aria-labelledby={canvasHeadingId}>
          <h2 id={canvasHeadingId} className="visually-hidden">
            Both versions
          </h2>
          <DiffLegend includeLayout={includeLayout} className="diff-view-legend" />
          <div className="diff-canvas-host">
            <DiffCanvas
              diff={diff}
              base={base.definition}
              changed={changed.definition}
              includeLayout={includeLayout}
              selectedId={selectedId}
              focusRequest={focusRequest}
              onSelect={selectFromCanvas}
            />
          </div>
          {empty !== null && (
            <div className="diff-empty" role="status">
              <p>
                <strong>{empty}</strong>
              </p>
              {empty === 'Only layout changed' && (
                <p className="hint">Turn on “Show layout-only changes” to see the widgets that moved.</p>
              )}
            </div>
          )}
        </section>
        <div className="region diff-region-widget">
          <WidgetDiffPanel
            widget={selected}
            base={base.definition}
            changed={changed.definition}
            includeLayout={includeLayout}
            baseLabel={base.label}
            changedLabel={changed.label}
          />
        </div>
      </div>
    </div>
  );
}
