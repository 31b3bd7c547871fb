/**
 * The Executions tab: where executions come from (pasted or opened JSON, or the account's executions of a date
 * range), one execution's steps with its context at each step, or the heat map of all of them as tables and CSV.
 * The canvas draws the same (ExecutionsContext's overlay); choosing a step centres its widget.
 */
import {
  useDeferredValue,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type SyntheticEvent,
} from 'react';
import {
  END_OF_FLOW,
  liquidPath,
  summaryToCsv,
  type ExecutionPath,
  type ExecutionsSummary,
} from '../../executions';
import { executionSids, pathOf, summaryOf } from '../../store/executions';
import { useEditor } from '../../store/react';
import type { Execution } from '../../studio/types';
import { JsonTree, type JsonPath } from '../../ui/JsonTree';
import { SortHeader, type TableSort } from '../../ui/SortHeader';
import { useDownload } from '../../panels/useDownload';
import { shortSid } from '../account/StudioStatus';
import { useRemote } from '../account/RemoteContext';
import { useCommandHost } from '../CommandsContext';
import { useExecutions, useExecutionsApi } from './ExecutionsContext';
import '../../styles/executions.css';

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

function formatGap(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1000) return `+${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `+${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = s / 60;
  return m < 60 ? `+${m.toFixed(1)} min` : `+${(m / 60).toFixed(1)} h`;
}

/** Pasted or opened executions JSON. */
function InputSource() {
  const api = useExecutionsApi();
  const inputError = useExecutions((s) => s.inputError);
  const [text, setText] = useState('');
  const textId = useId();
  const errorId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const show = (event: SyntheticEvent) => {
    event.preventDefault();
    void api
      .getState()
      .readInput({ text })
      .then((read) => {
        if (read) setText('');
      });
  };
  return (
    <form className="executions-input" onSubmit={show}>
      <label htmlFor={textId}>Steps or executions JSON</label>
      <textarea
        id={textId}
        rows={4}
        value={text}
        spellCheck={false}
        placeholder="A ListExecutionStep or ListExecution response, an Execution, a context, or twilio CLI -o json output"
        aria-describedby={inputError ? errorId : undefined}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <div className="executions-buttons">
        <button type="submit" className="button button-small" disabled={text.trim() === ''}>
          Show
        </button>
        <label className="button button-small">
          Open file…
          <input
            ref={fileRef}
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (!file) return;
              void api.getState().readInput({ file }, file.name);
              if (fileRef.current) fileRef.current.value = '';
            }}
          />
        </label>
      </div>
      {inputError && (
        <p id={errorId} className="executions-error" role="alert">
          {inputError} What is shown stays as it was.
        </p>
      )}
    </form>
  );
}

/** The open flow's executions on the account, by date range; open one, end, delete, start. */
function AccountSource({ flowSid }: { flowSid: string }) {
  const api = useExecutionsApi();
  const remote = useExecutions((s) => s.remote);
  const busy = useExecutions((s) => s.busy);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [confirm, setConfirm] = useState<{ kind: 'end' | 'delete'; sid: string } | null>(null);
  const fromId = useId();
  const toId = useId();
  const iso = (date: string, endOfDay: boolean) =>
    date === '' ? '' : `${date}T${endOfDay ? '23:59:59' : '00:00:00'}Z`;
  const list = (event: SyntheticEvent) => {
    event.preventDefault();
    void api.getState().listRemote(flowSid, iso(from, false), iso(to, true));
  };
  const rows: readonly Execution[] = remote?.items ?? [];
  return (
    <section className="executions-account" aria-label="Executions on Studio">
      <form className="executions-range" onSubmit={list}>
        <label htmlFor={fromId}>From</label>
        <input id={fromId} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <label htmlFor={toId}>To</label>
        <input id={toId} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <button type="submit" className="button button-small" disabled={busy !== null}>
          List executions
        </button>
      </form>
      {remote && (
        <>
          {remote.loading && rows.length === 0 ? (
            <p className="muted">Loading executions…</p>
          ) : rows.length === 0 ? (
            <p className="muted">No executions in that range.</p>
          ) : (
            <table className="executions-table">
              <caption className="visually-hidden">Executions, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Execution</th>
                  <th scope="col">Status</th>
                  <th scope="col">Contact</th>
                  <th scope="col">Started</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <tr key={e.sid}>
                    <th scope="row">
                      <code title={e.sid}>{shortSid(e.sid)}</code>
                    </th>
                    <td>{e.status}</td>
                    <td>{e.contact_channel_address ?? ''}</td>
                    <td>{formatTime(e.date_created)}</td>
                    <td className="executions-actions">
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Show ${e.sid}`}
                        onClick={() => void api.getState().openRemote(flowSid, e)}
                      >
                        Show
                      </button>
                      {e.status === 'active' && (
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={`End ${e.sid}`}
                          onClick={() => setConfirm({ kind: 'end', sid: e.sid })}
                        >
                          End
                        </button>
                      )}
                      <button
                        type="button"
                        className="button button-small button-danger"
                        aria-label={`Delete ${e.sid}`}
                        onClick={() => setConfirm({ kind: 'delete', sid: e.sid })}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {confirm && (
            <div
              className="executions-confirm"
              role="alertdialog"
              aria-label="Confirm"
              aria-describedby={`${fromId}-q`}
            >
              <p id={`${fromId}-q`}>
                {confirm.kind === 'end'
                  ? `End execution ${confirm.sid}? The contact’s conversation with the flow stops where it is.`
                  : `Delete execution ${confirm.sid} and its steps from Studio? This cannot be undone.`}
              </p>
              <button
                type="button"
                className="button button-small button-danger"
                onClick={() => {
                  const { kind, sid } = confirm;
                  setConfirm(null);
                  void (kind === 'end'
                    ? api.getState().endExecution(flowSid, sid)
                    : api.getState().deleteExecution(flowSid, sid));
                }}
              >
                {confirm.kind === 'end' ? 'End execution' : 'Delete execution'}
              </button>
              <button type="button" className="button button-small" onClick={() => setConfirm(null)}>
                Cancel
              </button>
            </div>
          )}
          <div className="executions-buttons">
            {remote.nextPageUrl && (
              <button
                type="button"
                className="button button-small"
                onClick={() =>
                  void api.getState().listRemote(flowSid, remote.from, remote.to, remote.nextPageUrl)
                }
              >
                More executions
              </button>
            )}
            {rows.length > 0 && (
              <button
                type="button"
                className="button button-small"
                disabled={busy !== null}
                onClick={() => void api.getState().heatRemote(flowSid)}
              >
                Heat map of these {rows.length}
              </button>
            )}
          </div>
        </>
      )}
      <StartExecution flowSid={flowSid} />
    </section>
  );
}

/** CreateExecution for the REST API trigger: To, From, Parameters as JSON. */
function StartExecution({ flowSid }: { flowSid: string }) {
  const api = useExecutionsApi();
  const [to, setTo] = useState('');
  const [from, setFrom] = useState('');
  const [parameters, setParameters] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { to: useId(), from: useId(), parameters: useId() };
  const start = (event: SyntheticEvent) => {
    event.preventDefault();
    let parsed: unknown;
    if (parameters.trim() !== '') {
      try {
        parsed = JSON.parse(parameters);
      } catch (e) {
        setProblem(`Parameters are not JSON: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        setProblem('Parameters must be a JSON object, e.g. {"name": "Zeke"} (read as {{flow.data.name}}).');
        return;
      }
    }
    setProblem(null);
    void api.getState().startExecution(flowSid, to.trim(), from.trim(), parsed);
  };
  return (
    <details className="executions-start">
      <summary>Start an execution (REST API trigger)</summary>
      <form onSubmit={start} className="executions-form">
        <label htmlFor={ids.to}>To (the contact)</label>
        <input
          id={ids.to}
          required
          value={to}
          placeholder="+15557654321"
          onChange={(e) => setTo(e.currentTarget.value)}
        />
        <label htmlFor={ids.from}>From (your Twilio number)</label>
        <input
          id={ids.from}
          required
          value={from}
          placeholder="+15550001111"
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <label htmlFor={ids.parameters}>Parameters (JSON)</label>
        <textarea
          id={ids.parameters}
          rows={2}
          value={parameters}
          spellCheck={false}
          onChange={(e) => setParameters(e.currentTarget.value)}
        />
        {problem && (
          <p className="executions-error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="button button-small">
          Start execution
        </button>
      </form>
    </details>
  );
}

/** One execution: the steps, keyboard-stepped, each centring its widget; the context at the current step. */
function PathView({ path, flowSid }: { path: ExecutionPath; flowSid: string | null }) {
  const api = useExecutionsApi();
  const step = useExecutions((s) => s.step);
  const focusWidget = useEditor((s) => s.focusWidget);
  const announce = useEditor((s) => s.announce);
  const current = Math.min(step, Math.max(0, path.steps.length - 1));
  const listId = useId();
  const [context, setContext] = useState<{ key: string; value: unknown } | null>(null);
  const [loadingContext, setLoadingContext] = useState(false);
  const currentStep = path.steps[current];
  const contextKey = currentStep ? `${currentStep.step.executionSid}/${currentStep.step.sid}` : '';

  const choose = (index: number) => {
    const target = path.steps[index];
    if (!target) return;
    api.getState().setStep(index);
    const widget = target.step.to === END_OF_FLOW ? target.step.from : target.step.to;
    focusWidget(widget);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: 10,
      PageUp: -10,
      Home: -Infinity,
      End: Infinity,
    };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    choose(Math.min(path.steps.length - 1, Math.max(0, current + move)));
  };
  const showContext = () => {
    if (!currentStep) return;
    setLoadingContext(true);
    void api
      .getState()
      .contextOf(flowSid, currentStep.step.executionSid, currentStep.step.sid)
      .then((value) => setContext({ key: contextKey, value }))
      .finally(() => setLoadingContext(false));
  };
  const copy = (p: JsonPath) => {
    const expression = liquidPath(p);
    void navigator.clipboard.writeText(expression).then(
      () => announce(`Copied ${expression}.`),
      () => announce(`The browser did not let the editor copy ${expression}.`),
    );
  };
  const mismatch = path.mismatch;
  const connected = useRemote((s) => s.connection.status === 'connected');
  const host = useCommandHost();
  return (
    <div className="executions-path">
      <p className="executions-summary">
        {path.steps.length} steps ·{' '}
        {path.waiting ? `waiting at ${path.ended ?? '?'}` : `ended at ${path.ended ?? '?'}`}
        {path.status ? ` · ${path.status}` : ''}
      </p>
      {mismatch?.likelyOtherRevision && (
        <p className="executions-warning" role="note">
          This execution ran on another revision of the flow:{' '}
          {mismatch.missingWidgets.length > 0 && (
            <>widgets {mismatch.missingWidgets.join(', ')} are not in the open flow; </>
          )}
          {mismatch.missingTransitions.length > 0 && (
            <>
              transitions{' '}
              {mismatch.missingTransitions.map((t) => `${t.from} —${t.event}→ ${t.to}`).join(', ')} are not in
              it.
            </>
          )}{' '}
          {connected ? (
            <button
              type="button"
              className="button button-small"
              onClick={() => void host.run('studio-revisions')}
            >
              Open another revision…
            </button>
          ) : (
            'Open the revision it ran on to see it as it ran (connect the account to list them).'
          )}
        </p>
      )}
      <ol
        id={listId}
        className="executions-steps"
        role="listbox"
        aria-label="Steps"
        tabIndex={0}
        aria-activedescendant={currentStep ? `${listId}-${current}` : undefined}
        onKeyDown={onKeyDown}
      >
        {path.steps.map((s, i) => (
          <li
            key={s.step.sid}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'executions-step executions-step-current' : 'executions-step'}
            onClick={() => choose(i)}
          >
            <span className="executions-step-order">{s.order}</span>
            <span className="executions-step-move">
              {s.step.from} → {s.step.to}
            </span>
            <span className="executions-step-event">{s.step.event}</span>
            <span className="executions-step-time" title={s.step.date}>
              {formatTime(s.step.date)} {formatGap(s.sincePreviousMs)}
            </span>
          </li>
        ))}
      </ol>
      {currentStep && (
        <section className="executions-context" aria-label="Context">
          <button
            type="button"
            className="button button-small"
            onClick={showContext}
            disabled={loadingContext}
          >
            {loadingContext ? 'Loading the context…' : `Context at step ${currentStep.order}`}
          </button>
          {context &&
            context.key === contextKey &&
            (context.value === undefined ? (
              <p className="muted">
                No context for this step: paste the step context, or connect the account.
              </p>
            ) : (
              <>
                <p className="muted">Choose a value to copy its Liquid expression.</p>
                <JsonTree
                  label={`Context at step ${currentStep.order}`}
                  value={context.value}
                  openDepth={2}
                  onPick={copy}
                  pickLabel={(p) => `Copy ${liquidPath(p)}`}
                />
              </>
            ))}
        </section>
      )}
    </div>
  );
}

type HeatSort = 'widget' | 'reached' | 'visits' | 'ended';

/**
 * Rows a heat table (and the list of failures) shows until "Show all" (the CSV always has every row): a 2,000-widget
 * table is slow to lay out, and 1,000 executions of a 2,000-widget flow may fail at thousands of (widget, event).
 */
const TABLE_ROWS = 100;

/** The first TABLE_ROWS of `rows`, or all of them. */
function firstRows<T>(rows: readonly T[], all: boolean): readonly T[] {
  return all ? rows : rows.slice(0, TABLE_ROWS);
}

/** The heat map as tables: widgets (sortable), transitions, most frequent paths, failures; CSV download. */
function HeatView({ summary }: { summary: ExecutionsSummary }) {
  const [sort, setSort] = useState<TableSort<HeatSort>>({
    key: 'reached',
    descending: true,
  });
  // Each list is shown whole on its own request: the failures' "Show all" must not lay out the widgets' table.
  const [all, setAll] = useState(false);
  const [allFailures, setAllFailures] = useState(false);
  const focusWidget = useEditor((s) => s.focusWidget);
  const save = useDownload(useEditor((s) => s.announce));
  const rows = useMemo(() => {
    const sign = sort.descending ? -1 : 1;
    return [...summary.widgets].sort((a, b) => {
      const x = sort.key === 'widget' ? a.widget : a[sort.key];
      const y = sort.key === 'widget' ? b.widget : b[sort.key];
      return x < y ? -sign : x > y ? sign : a.widget < b.widget ? -1 : 1;
    });
  }, [summary.widgets, sort]);
  const download = () =>
    save(new Blob([summaryToCsv(summary)], { type: 'text/csv' }), 'executions-summary.csv');
  const header = (key: HeatSort, label: string) => (
    <SortHeader column={key} label={label} sort={sort} onSort={setSort} descendingFirst={key !== 'widget'} />
  );
  const t = summary.totals;
  return (
    <div className="executions-heat">
      <p className="executions-summary">
        {t.executions} executions · {t.steps} steps · {t.failed} with a failure · {t.paths} distinct paths
      </p>
      {summary.mismatch?.likelyOtherRevision && (
        <p className="executions-warning" role="note">
          {summary.mismatch.executions} executions did what the open flow does not have: they ran on another
          revision.
        </p>
      )}
      <button type="button" className="button button-small" onClick={download}>
        Download CSV
      </button>
      <table className="executions-table">
        <caption>Widgets</caption>
        <thead>
          <tr>
            {header('widget', 'Widget')}
            {header('reached', 'Reached')}
            {header('visits', 'Visits')}
            {header('ended', 'Ended here')}
          </tr>
        </thead>
        <tbody>
          {firstRows(rows, all).map((w) => (
            <tr key={w.widget}>
              <th scope="row">
                <button type="button" className="executions-link" onClick={() => focusWidget(w.widget)}>
                  {w.widget}
                </button>
              </th>
              <td>{w.reached}</td>
              <td>{w.visits}</td>
              <td>{w.ended + w.waiting}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="executions-table">
        <caption>Transitions taken</caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">Event</th>
            <th scope="col">To</th>
            <th scope="col">Times</th>
          </tr>
        </thead>
        <tbody>
          {firstRows(summary.transitions, all).map((tr) => (
            <tr key={`${tr.from}\u0000${tr.event}\u0000${tr.to}`}>
              <td>{tr.from}</td>
              <td>{tr.event}</td>
              <td>{tr.to}</td>
              <td>{tr.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!all && (rows.length > TABLE_ROWS || summary.transitions.length > TABLE_ROWS) && (
        <button type="button" className="button button-small" onClick={() => setAll(true)}>
          Show all {rows.length} widgets and {summary.transitions.length} transitions
        </button>
      )}
      <section aria-label="Most frequent paths">
        <h3 className="executions-heading">Most frequent paths</h3>
        <ol className="executions-paths">
          {summary.paths.map((p) => (
            <li key={p.example}>
              {p.count} × {p.widgets.join(' → ')}
              {p.reachedEnd ? ' → Ended' : ''}
            </li>
          ))}
        </ol>
      </section>
      {summary.failures.length > 0 && (
        <section aria-label="Where failures end">
          <h3 className="executions-heading">Where failures end</h3>
          <ul className="executions-paths">
            {firstRows(summary.failures, allFailures).map((f) => (
              <li key={`${f.widget}\u0000${f.event}`}>
                {f.widget} left by “{f.event}” in {f.executions}{' '}
                {f.executions === 1 ? 'execution' : 'executions'}; ended at{' '}
                {f.endings.map((e) => `${e.widget} (${e.executions})`).join(', ')}
              </li>
            ))}
          </ul>
          {!allFailures && summary.failures.length > TABLE_ROWS && (
            <button type="button" className="button button-small" onClick={() => setAllFailures(true)}>
              Show all {summary.failures.length} failures
            </button>
          )}
        </section>
      )}
    </div>
  );
}

/** The Executions tab. */
export default function ExecutionsPanel() {
  const api = useExecutionsApi();
  const data = useExecutions((s) => s.data);
  const source = useExecutions((s) => s.source);
  const mode = useExecutions((s) => s.mode);
  const selected = useExecutions((s) => s.selected);
  const error = useExecutions((s) => s.error);
  const busy = useExecutions((s) => s.busy);
  // As the overlay does (ExecutionsContext): after edits, in a background render, sharing its summary.
  const definition = useDeferredValue(useEditor((s) => s.definition));
  const flowSid = useEditor((s) => s.source?.flowSid ?? null);
  const connected = useRemote((s) => s.connection.status === 'connected');
  const selectId = useId();
  const sids = useMemo(() => (data ? executionSids(data) : []), [data]);
  const path = data && selected !== null && mode === 'path' ? pathOf(data, selected, definition) : null;
  const summary = data && mode === 'heat' ? summaryOf(data, definition) : null;
  return (
    <section className="executions-panel" aria-label="Executions">
      <InputSource />
      {connected && flowSid !== null && <AccountSource flowSid={flowSid} />}
      {busy && (
        <p className="muted" role="status">
          {busy}…
        </p>
      )}
      {error && (
        <div className="executions-error" role="alert">
          {error}{' '}
          <button type="button" className="button button-small" onClick={() => api.getState().dismissError()}>
            Dismiss
          </button>
        </div>
      )}
      {data && source && (
        <div className="executions-shown">
          <p className="executions-label">
            <strong>{source.label}</strong>{' '}
            <button type="button" className="button button-small" onClick={() => api.getState().clear()}>
              Clear
            </button>
          </p>
          {data.notes.map((n) => (
            <p key={n} className="muted">
              {n}
            </p>
          ))}
          <fieldset className="executions-mode">
            <legend className="visually-hidden">Show</legend>
            <label>
              <input
                type="radio"
                name={`${selectId}-mode`}
                checked={mode === 'path'}
                onChange={() => api.getState().setMode('path')}
              />{' '}
              One execution
            </label>
            <label>
              <input
                type="radio"
                name={`${selectId}-mode`}
                checked={mode === 'heat'}
                onChange={() => api.getState().setMode('heat')}
              />{' '}
              Heat map ({sids.length})
            </label>
          </fieldset>
          {mode === 'path' && sids.length > 1 && (
            <p>
              <label htmlFor={selectId}>Execution</label>{' '}
              <select
                id={selectId}
                value={selected ?? ''}
                onChange={(e) => api.getState().select(e.currentTarget.value)}
              >
                {sids.map((sid) => (
                  <option key={sid} value={sid}>
                    {sid}
                  </option>
                ))}
              </select>
            </p>
          )}
          {path && <PathView path={path} flowSid={flowSid} />}
          {summary && <HeatView summary={summary} />}
        </div>
      )}
    </section>
  );
}
