/**
 * Diff benchmark: `diffFlows` on synthetic flows of 100, 500, 1,000 and 2,000 widgets against a deep copy (nothing
 * changed), against a copy with ~5 % of the widgets edited, moved, rewired, added or removed, and against the same
 * plus ~2 % renamed (with every reference following, as the editor renames). The changed versions are deep copies,
 * as when two files or revisions are compared (no object shared, so no fast path); one column shows the same edits
 * made by editor commands (untouched widgets shared, as the editor's undo history has them). Prints a Markdown
 * table (pasted into the README). Not a test: nothing is asserted.
 *
 *   npm run bench:diff       (tsx scripts/bench-diff.ts)
 */
import { diffFlows } from '../src/diff';
import { renameWidget } from '../src/model/commands';
import type { FlowDefinition } from '../src/model/types';
import { editAndRename, editFlow } from './edit-flow';
import { RUNS, SIZES, time } from './bench-util';
import { generateFlow } from './generate-flow';

function deepCopy(def: FlowDefinition): FlowDefinition {
  return JSON.parse(JSON.stringify(def)) as FlowDefinition;
}

const rows: string[] = [];
for (const size of SIZES) {
  const base = generateFlow(size);
  const copy = deepCopy(base);
  const shared = editFlow(base);
  const edited = deepCopy(shared);
  const renamed = deepCopy(editAndRename(base));
  const check = diffFlows(base, renamed);
  const same = time(() => diffFlows(base, copy));
  const sharedMs = time(() => diffFlows(base, shared));
  const editedMs = time(() => diffFlows(base, edited));
  const renamedMs = time(() => diffFlows(base, renamed));
  const c = check.summary.counts;
  rows.push(
    `| ${size.toLocaleString('en-US')} | ${same.toFixed(2)} ms | ${sharedMs.toFixed(2)} ms | ${editedMs.toFixed(2)} ms | ${renamedMs.toFixed(2)} ms | ` +
      `${c.added} / ${c.removed} / ${check.renames.length} / ${c.changed + c.rewired} / ${c.moved} |`,
  );
}

// Stress: a quarter of 2,000 widgets renamed at once (500 unmatched on each side, renamed widgets linked to each
// other, so rename detection needs several rounds and similarity scoring).
const stressBase = generateFlow(2000);
let stress = stressBase;
for (const w of stressBase.states.filter((_, i) => i % 4 === 1)) {
  const r = renameWidget(stress, w.name, `${w.name}_renamed`);
  if (r.ok) stress = r.def;
}
const stressCopy = deepCopy(stress);
const stressCheck = diffFlows(stressBase, stressCopy);
const stressMs = time(() => diffFlows(stressBase, stressCopy));

console.log(`Diff benchmark (Node ${process.version}, median of ${RUNS} runs after warm-up)\n`);
console.log(
  '| widgets | diff, no changes (deep copy) | diff, ~5 % changes (editor, shared objects) | diff, ~5 % changes (deep copy) | diff incl. ~2 % renames | widgets by primary kind: added / removed / renamed / changed or rewired / moved |',
);
console.log('|---:|---:|---:|---:|---:|:--|');
for (const r of rows) console.log(r);
console.log(
  `\nStress: 2,000 widgets, 500 renamed at once (deep copy): ${stressMs.toFixed(2)} ms, ` +
    `${stressCheck.renames.filter((r) => r.to === `${r.from}_renamed`).length} of 500 renames found.`,
);
