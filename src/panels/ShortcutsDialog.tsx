import { Fragment, useId } from 'react';
import { Modal } from '../ui/Modal';

/** One shortcut as the app lists them (src/app/shortcuts.ts, which panels may not import). */
export interface ShortcutEntry {
  id: string;
  keys: readonly string[];
  description: string;
  scope: string;
}

export interface ShortcutsDialogProps {
  open: boolean;
  shortcuts: readonly ShortcutEntry[];
  /** `Mod+Z` as this platform writes it (`Ctrl+Z`, `⌘Z`). */
  formatKeys: (keys: string) => string;
  onClose: () => void;
  fallbackFocusId?: string;
}

function ScopeTable({
  scope,
  shortcuts,
  formatKeys,
}: {
  scope: string;
  shortcuts: readonly ShortcutEntry[];
  formatKeys: (keys: string) => string;
}) {
  const headingId = useId();
  return (
    <section className="shortcut-group" aria-labelledby={headingId}>
      <h3 id={headingId}>{scope}</h3>
      <table className="shortcut-table" aria-labelledby={headingId}>
        <tbody>
          {shortcuts.map((shortcut) => (
            <tr key={shortcut.id}>
              <th scope="row">{shortcut.description}</th>
              <td>
                {shortcut.keys.map((keys, i) => (
                  <Fragment key={keys}>
                    {i > 0 && <span className="muted"> or </span>}
                    <kbd>{formatKeys(keys)}</kbd>
                  </Fragment>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The shortcuts help overlay (?): every shortcut of the app, by scope, from the one list the keys use. */
export function ShortcutsDialog({
  open,
  shortcuts,
  formatKeys,
  onClose,
  fallbackFocusId,
}: ShortcutsDialogProps) {
  // Scopes in the order they first appear in the list.
  const scopes = [...new Set(shortcuts.map((s) => s.scope))];
  return (
    <Modal
      open={open}
      title="Keyboard shortcuts"
      onClose={onClose}
      fallbackFocusId={fallbackFocusId}
      className="shortcuts-dialog"
    >
      {open && (
        <div className="modal-body shortcuts-body">
          <p className="hint">
            Shortcuts do not apply while you type in a field. Ctrl on Windows and Linux is ⌘ on macOS.
          </p>
          <div className="shortcut-groups">
            {scopes.map((scope) => (
              <ScopeTable
                key={scope}
                scope={scope}
                shortcuts={shortcuts.filter((s) => s.scope === scope)}
                formatKeys={formatKeys}
              />
            ))}
          </div>
        </div>
      )}
    </Modal>
  );
}
