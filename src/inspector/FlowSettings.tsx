/**
 * The flow's own settings, shown in the inspector when no single widget is selected: its description and whether
 * calls may run the flow concurrently (`flags.allow_concurrent_calls`), and the problems of the flow itself.
 */
import { useId } from 'react';
import { useShallow } from 'zustand/shallow';
import { ProblemList } from './FieldParts';
import { flowProblems } from './formEditing';
import { useEditor, useEditorApi } from '../store/react';
import { TextInput, useDraft } from './TextInput';

export function FlowSettings() {
  const store = useEditorApi();
  const id = useId();
  const description = useEditor((s) => s.definition?.description);
  const concurrent = useEditor((s) => s.definition?.flags?.allow_concurrent_calls);
  const hasFlags = useEditor((s) => s.definition?.flags !== undefined);
  const problems = useEditor(useShallow((s) => flowProblems(s.problems)));
  const [text, setText] = useDraft(description, (v) => (typeof v === 'string' ? v : ''));

  return (
    <div className="flow-settings">
      <section className="form-section" aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`} className="form-section-title">
          Flow settings
        </h3>
        <div className="field field-multiline">
          <div className="field-label-row">
            <label htmlFor={`${id}-description`} className="field-label">
              Description
            </label>
          </div>
          <TextInput
            id={`${id}-description`}
            value={text}
            multiline
            minRows={3}
            describedBy={`${id}-description-help`}
            onChange={(next) => {
              // Cleared: an empty description, not a removed one (Studio always writes the key).
              const stored = next === '' && description === undefined ? undefined : next;
              setText(next, stored);
              if (stored !== undefined)
                store.getState().setFlowFields({ description: next }, { coalesceKey: 'description@flow' });
            }}
          />
          <p id={`${id}-description-help`} className="field-help">
            What the flow does, for the people who maintain it.
          </p>
        </div>
        <div className="field field-boolean">
          <div className="check-row">
            <input
              id={`${id}-concurrent`}
              type="checkbox"
              checked={concurrent === true}
              aria-describedby={`${id}-concurrent-help`}
              onChange={(event) =>
                store
                  .getState()
                  .setFlowFields({ flags: { allow_concurrent_calls: event.currentTarget.checked } })
              }
            />
            <label htmlFor={`${id}-concurrent`} className="field-label">
              Allow concurrent calls
            </label>
            {!hasFlags && <span className="default-tag">default</span>}
          </div>
          <p id={`${id}-concurrent-help`} className="field-help">
            Studio&rsquo;s <code>flags.allow_concurrent_calls</code> setting of the flow.
          </p>
        </div>
      </section>
      {problems.length > 0 && (
        <section className="form-section" aria-labelledby={`${id}-problems-title`}>
          <h3 id={`${id}-problems-title`} className="form-section-title">
            Problems of the flow
          </h3>
          <ProblemList problems={problems} />
        </section>
      )}
    </div>
  );
}
