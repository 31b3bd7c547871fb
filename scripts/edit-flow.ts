/**
 * A "next revision" of a synthetic flow, for the diff benchmarks (Node and browser): ~5 % of the widgets edited,
 * moved, rewired, removed or added through the editor's own commands, optionally ~2 % renamed with every reference
 * following. Deterministic.
 */
import {
  addWidget,
  connect,
  moveWidgets,
  removeWidgets,
  renameWidget,
  setWidgetProperty,
} from '../src/model/commands';
import type { FlowDefinition, Widget } from '../src/model/types';

/** Every `step`-th widget from `from` on (never the Trigger). */
function every(def: FlowDefinition, from: number, step: number): Widget[] {
  return def.states.filter((_, i) => i > 0 && i % step === from);
}

/** ~5 % of the widgets touched: 1 % each edited, moved, rewired, removed, added. */
export function editFlow(base: FlowDefinition): FlowDefinition {
  let def = base;
  for (const w of every(base, 1, 100)) def = setWidgetProperty(def, w.name, 'bench_note', `edited ${w.name}`);
  // Each moved widget nudged from where it was (as a person tidies a flow), not all to one spot, which would be
  // a pile that needs automatic layout.
  const moves = new Map(
    every(base, 2, 100).map((w) => {
      const at = w.properties.offset ?? { x: 0, y: 0 };
      return [w.name, { x: at.x + 40, y: at.y + 60 }];
    }),
  );
  def = moveWidgets(def, moves);
  // A free output connected to a widget a few places further on (as people wire what is near), not all to one
  // widget across the flow.
  for (const w of every(base, 3, 100)) {
    const t = w.transitions.find((x) => x.next === undefined);
    const i = base.states.indexOf(w);
    const target = base.states[Math.min(i + 5, base.states.length - 1)]?.name;
    if (t !== undefined && target !== undefined && target !== w.name)
      def = connect(def, w.name, t.event, target);
  }
  def = removeWidgets(
    def,
    every(base, 4, 100).map((w) => w.name),
  ).def;
  for (let k = 0; k < Math.max(1, base.states.length / 100); k++) {
    def = addWidget(def, {
      type: 'send-message',
      name: `bench_added_${k}`,
      properties: { body: `Added ${k}` },
      events: ['sent', 'failed'],
      offset: { x: k * 300, y: -500 },
    });
  }
  return def;
}

/** The edits above plus ~2 % renamed widgets. */
export function editAndRename(base: FlowDefinition): FlowDefinition {
  let def = editFlow(base);
  for (const w of [...every(base, 5, 100), ...every(base, 6, 100)]) {
    const r = renameWidget(def, w.name, `${w.name}_renamed`);
    if (r.ok) def = r.def;
  }
  return def;
}
