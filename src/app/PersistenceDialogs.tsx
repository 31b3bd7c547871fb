import { useCallback, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Modal } from '../ui/Modal';
import type { PersistencePrompt } from './persistence';
import { usePersistenceActions, usePersistenceUi } from './usePersistence';

/**
 * A question that needs an answer, on the kit's modal dialog (`showModal()` makes the rest of the page inert: while
 * this tab no longer saves its flow, nothing behind the dialog can be edited). Open while mounted; Escape runs
 * `onEscape` when there is a harmless way out, and does nothing otherwise. Focus starts on the first button.
 */
function AlertDialog({
  title,
  onEscape,
  children,
  buttons,
}: {
  title: string;
  onEscape?: () => void;
  children: ReactNode;
  buttons: ReactNode;
}) {
  const bodyId = useId();
  const footer = useRef<HTMLDivElement>(null);
  const firstButton = useCallback(() => footer.current?.querySelector('button') ?? null, []);
  return (
    <Modal
      open
      title={title}
      onClose={onEscape}
      closeButton={false}
      role="alertdialog"
      describedBy={bodyId}
      initialFocus={firstButton}
      className="persistence-dialog"
    >
      <div className="modal-body">
        <div id={bodyId}>{children}</div>
        <div className="modal-footer" ref={footer}>
          {buttons}
        </div>
      </div>
    </Modal>
  );
}

function PromptDialog({ prompt }: { prompt: PersistencePrompt }) {
  const actions = usePersistenceActions();
  switch (prompt.kind) {
    case 'in-use':
      return (
        <AlertDialog
          title="This flow is open in another tab"
          onEscape={actions.cancelPrompt}
          buttons={
            <>
              <button type="button" className="button button-primary" onClick={actions.openCopy}>
                Open a copy here
              </button>
              <button type="button" className="button" onClick={actions.takeOver}>
                Take it over
              </button>
              <button type="button" className="button" onClick={actions.cancelPrompt}>
                Cancel
              </button>
            </>
          }
        >
          <p>
            “{prompt.name}” is open in another tab of this browser. Two tabs saving one flow would overwrite
            each other’s changes.
          </p>
          <p className="hint">
            A copy is saved on its own and the other tab keeps the original. Taking it over opens it here; the
            other tab is told and stops saving it.
          </p>
        </AlertDialog>
      );
    case 'forget':
      return (
        <AlertDialog
          title={`${prompt.unreadable ? 'Delete' : 'Forget'} “${prompt.name}”?`}
          onEscape={actions.cancelPrompt}
          buttons={
            <>
              <button type="button" className="button" onClick={actions.cancelPrompt}>
                Cancel
              </button>
              <button type="button" className="button button-danger" onClick={actions.confirmForget}>
                {prompt.unreadable ? 'Delete' : 'Forget'}
              </button>
            </>
          }
        >
          <p>
            {prompt.unreadable
              ? 'Its saved record is deleted from this browser. Download it first if you may need its content.'
              : 'Its copy saved in this browser is deleted. Files you opened or exported are not affected.'}{' '}
            This cannot be undone.
          </p>
        </AlertDialog>
      );
    case 'lost':
      return (
        <AlertDialog
          title={
            prompt.reason === 'taken-over'
              ? 'This flow moved to another tab'
              : 'This flow was changed in another tab'
          }
          buttons={
            <>
              <button type="button" className="button button-primary" onClick={actions.keepMineAsCopy}>
                Keep my version as a copy
              </button>
              <button type="button" className="button" onClick={actions.downloadMine}>
                Download my version
              </button>
              <button type="button" className="button" onClick={actions.closeHere}>
                Close it here
              </button>
            </>
          }
        >
          <p>
            {prompt.reason === 'taken-over'
              ? `“${prompt.name}” is now edited in another tab of this browser.`
              : `Another tab saved a newer version of “${prompt.name}”.`}{' '}
            This tab no longer saves it, so that neither version overwrites the other.
          </p>
          {prompt.unsaved && (
            <p>
              <strong>Your latest changes here are not in the saved flow.</strong> Keep them as a copy, or
              download them.
            </p>
          )}
          <p className="hint">
            A copy is saved on its own, next to the other tab’s version. Closing it here leaves the flow to
            the other tab.
          </p>
        </AlertDialog>
      );
    default:
      return null;
  }
}

/** The persistence questions (another tab has the flow, forget a saved flow), above everything else. */
export function PersistenceDialogs() {
  const prompt = usePersistenceUi((s) => s.prompt);
  if (!prompt) return null;
  // Keyed: another question is another dialog (its focus starts over).
  const key = prompt.kind === 'forget' ? `forget:${prompt.key}` : prompt.kind;
  return createPortal(<PromptDialog key={key} prompt={prompt} />, document.body);
}
