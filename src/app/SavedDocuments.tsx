import { useId } from 'react';
import { formatSavedAt } from './persistence';
import { usePersistenceActions, usePersistenceUi } from './usePersistence';
import { groupDigits } from '../model/digits';

function plural(n: number, one: string, many: string): string {
  return `${groupDigits(n)} ${n === 1 ? one : many}`;
}

/**
 * The flows saved in this browser that this tab does not have open, most recent first, for the start screen: a
 * new tab offers them rather than silently picking one (see persistence/engine.ts). Each can be opened (asking
 * first when another tab has it open) or forgotten (after a confirmation); records that cannot be read are listed
 * apart, with their raw content to download.
 */
export function SavedDocuments() {
  const saved = usePersistenceUi((s) => s.saved);
  const unreadable = usePersistenceUi((s) => s.unreadable);
  const busy = usePersistenceUi((s) => s.busy);
  const actions = usePersistenceActions();
  const titleId = useId();
  const brokenId = useId();
  const now = new Date();
  if (saved.length === 0 && unreadable.length === 0) return null;

  return (
    <>
      {saved.length > 0 && (
        <section className="saved-docs" aria-labelledby={titleId}>
          <h3 id={titleId}>Saved in this browser</h3>
          <ul>
            {saved.map((entry) => {
              const at = formatSavedAt(entry.savedAt, now);
              return (
                <li key={entry.id} className="saved-doc">
                  <div className="saved-doc-text">
                    <span className="saved-doc-name">
                      {entry.name}
                      {entry.copyOf !== undefined && <span className="muted"> (copy)</span>}
                    </span>
                    <span className="saved-doc-meta muted">
                      {plural(entry.widgetCount, 'widget', 'widgets')}
                      {at && (
                        <>
                          {' · saved '}
                          <time dateTime={entry.savedAt}>{at}</time>
                        </>
                      )}
                      {entry.detail && ` · ${entry.detail}`}
                    </span>
                    {entry.openElsewhere && <span className="saved-doc-badge">Open in another tab</span>}
                  </div>
                  <div className="saved-doc-actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Open ${entry.name}`}
                      disabled={busy}
                      onClick={() => actions.open(entry.id)}
                    >
                      Open
                    </button>
                    {!entry.openElsewhere && (
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Forget ${entry.name}…`}
                        disabled={busy}
                        onClick={() => actions.askForget(entry.id)}
                      >
                        Forget…
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {unreadable.length > 0 && (
        <section className="saved-docs saved-docs-broken" aria-labelledby={brokenId}>
          <h3 id={brokenId}>Saved flows that cannot be opened</h3>
          <p className="muted">Kept as they were found. Download one to keep its content as a file.</p>
          <ul>
            {unreadable.map((entry) => (
              <li key={entry.key} className="saved-doc">
                <div className="saved-doc-text">
                  <span className="saved-doc-name">{entry.name}</span>
                  <span className="saved-doc-meta muted">
                    {entry.newer ? 'Saved by a newer version of the editor' : 'Damaged'}: {entry.reason}
                  </span>
                </div>
                <div className="saved-doc-actions">
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Download ${entry.name}`}
                    onClick={() => actions.download(entry.key)}
                  >
                    Download
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Delete ${entry.name}…`}
                    disabled={busy}
                    onClick={() => actions.askForget(entry.key)}
                  >
                    Delete…
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
