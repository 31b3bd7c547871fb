// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { denseFlow } from '../../scripts/dense-flow';
import { generateFlow } from '../../scripts/generate-flow';
import type { FlowDefinition } from '../model/types';
import { createEditorStore } from '../store/editorStore';
import { EditorProvider } from '../store/react';
import { ALL_OPTIONS_UP_TO, TransitionsSection } from './TransitionsSection';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const unmounts: (() => void)[] = [];
afterEach(() => {
  for (const unmount of unmounts.splice(0)) unmount();
});

/** The section of the first widget with two or more connected outputs, mounted; its selects. */
function mount(definition: FlowDefinition) {
  const store = createEditorStore();
  store.getState().createNewFlow();
  store.getState().replaceDefinition(definition);
  const widget = definition.states.find(
    (w) => w.type !== 'trigger' && w.transitions.filter((t) => t.next).length >= 2,
  );
  if (!widget) throw new Error('no widget with two outputs');
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  /** Shows the section for `name` (as the inspector does when the selection changes); its selects. */
  const show = (name: string) => {
    act(() =>
      root.render(
        <EditorProvider store={store}>
          <TransitionsSection name={name} />
        </EditorProvider>,
      ),
    );
    return [...host.querySelectorAll('select')];
  };
  const selects = show(widget.name);
  unmounts.push(() => {
    act(() => root.unmount());
    host.remove();
  });
  const targets = definition.states.filter((w) => w.type !== 'trigger').length;
  return { store, widget, selects, targets, show };
}

const optionValues = (select: HTMLSelectElement) => [...select.options].map((o) => o.value);

describe('Transitions: the options of each output’s select', () => {
  it(`up to ${ALL_OPTIONS_UP_TO} widgets, every select lists every widget from the start`, () => {
    const { selects, targets } = mount(denseFlow(50));
    expect(selects.length).toBeGreaterThan(1);
    for (const select of selects) expect(select.options).toHaveLength(targets + 1);
  });

  it('in a larger flow, a select holds its current choice until first used, then every widget', () => {
    const { widget, selects, targets } = mount(denseFlow(600));
    expect(targets).toBeGreaterThan(ALL_OPTIONS_UP_TO);
    const connected = widget.transitions.filter((t) => t.next);
    // Each shows where its output leads, and offers "Not connected".
    for (const select of selects) {
      expect(select.options.length).toBeLessThanOrEqual(2);
      expect(optionValues(select)[0]).toBe('');
    }
    const values = selects.map((s) => s.value).filter(Boolean);
    expect(values.sort()).toEqual(connected.map((t) => t.next).sort());

    // Focused (Tab) or pressed: every widget is there, the choice kept; the other selects are left as they were.
    const [first, second] = selects as [HTMLSelectElement, HTMLSelectElement];
    const before = first.value;
    act(() => {
      first.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    });
    expect(first.options).toHaveLength(targets + 1);
    expect(first.value).toBe(before);
    expect(second.options.length).toBeLessThanOrEqual(2);
    act(() => {
      second.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    });
    expect(second.options).toHaveLength(targets + 1);
  });

  it('in a larger flow, another widget’s selects wait for their own first use', () => {
    const definition = denseFlow(600);
    const { widget, selects, targets, show } = mount(definition);
    const first = selects[0] as HTMLSelectElement;
    act(() => {
      first.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    });
    expect(first.options).toHaveLength(targets + 1);
    const next = definition.states.find(
      (w) => w.type !== 'trigger' && w.name !== widget.name && w.transitions.some((t) => t.next),
    );
    if (!next) throw new Error('no other widget');
    const shown = show(next.name);
    expect(shown.length).toBeGreaterThan(0);
    for (const select of shown) expect(select.options.length).toBeLessThanOrEqual(2);
  });

  it('in a larger flow, choosing another widget connects the output to it (one store change)', () => {
    const { store, widget, selects } = mount(denseFlow(600));
    const select = selects[0] as HTMLSelectElement;
    act(() => {
      select.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    });
    const other = optionValues(select).find((v) => v && v !== select.value && v !== widget.name) ?? '';
    act(() => {
      select.value = other;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const saved = store.getState().definition?.states.find((w) => w.name === widget.name);
    expect(saved?.transitions.map((t) => t.next)).toContain(other);
  });

  it('an output that leads to a widget that does not exist says so, however large the flow', () => {
    const flow = generateFlow(600);
    const widget = flow.states.find(
      (w) => w.type !== 'trigger' && w.transitions.filter((t) => t.next).length >= 2,
    );
    const first = widget?.transitions.find((t) => t.next);
    if (!widget || !first) throw new Error('no widget with outputs');
    first.next = 'gone';
    const { selects } = mount(flow);
    const shown = selects.find((s) => s.value === 'gone');
    expect(shown?.selectedOptions[0]?.textContent).toBe('gone (does not exist)');
    expect(shown?.getAttribute('aria-invalid')).toBe('true');
  });
});
