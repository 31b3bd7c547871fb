/**
 * Liquid completions for the inspector's text fields, and the references to widgets that do not exist (by the
 * validator's rule: `missingWidgetReferences` of src/model/liquid.ts).
 *
 * Inside an unclosed `{{` (or `{%`) tag, the path being typed is completed one segment at a time:
 * - at the start: the roots `flow`, `trigger`, `contact`, `widgets`;
 * - `flow.` / `trigger.` / `contact.`: the namespaces and keys of liquid-globals.json (`trigger.message.Body`),
 *   plus `flow.variables.<key>` for every key a Set Variables widget of the flow sets;
 * - `widgets.`: the names of the flow's widgets (the Trigger excepted: its data is `trigger.*`), the type title as
 *   detail;
 * - `widgets.NAME.`: what that widget type exposes (the catalog's `liquidOutputs`: `{A,B}` groups expanded, `...`
 *   dropped, `*` and `<placeholder>` segments meaning "any key" and completing to a trailing `.`), plus a Set
 *   Variables widget's own keys.
 * Matching is by case-insensitive prefix on the segment being typed. An item's `insertText` replaces the text from
 * `from` to the cursor; it ends with `.` when the item has keys below it, so the next segment can be completed.
 *
 * The flow-dependent part (names, types, variable keys) is computed once per definition object (WeakMap): the
 * model never mutates, so each edit gives a new definition and a fresh index.
 *
 * Pure TypeScript: no React, no DOM.
 */
import { TRIGGER_TYPE } from '../model/commands';
import { missingWidgetReferences as missingIn, type MissingWidgetReference } from '../model/liquid';
import type { FlowDefinition, Widget } from '../model/types';
import { getWidgetType, WIDGET_TYPES } from '../schema/registry';
import liquidGlobals from '../schema/vendor/liquid-globals.json' with { type: 'json' };

export interface Completion {
  label: string;
  insertText: string;
  detail?: string;
  kind: 'namespace' | 'widget' | 'field';
}

// ---------------------------------------------------------------------------------------------------------------
// Completion trees

interface Node {
  label: string;
  insert: string;
  detail?: string;
  children: Map<string, Node>;
  /** Has keys nobody can list (`parsed.*`, `data.<name>`). */
  open: boolean;
}

function node(label: string, insert = label): Node {
  return { label, insert, children: new Map(), open: false };
}

const GROUP = /\{([^}]*)\}/;

/** `a.{B,C,...}` → `a.B`, `a.C`. */
function expandGroups(path: string): string[] {
  const m = GROUP.exec(path);
  if (!m) return [path];
  const [whole, inner = ''] = m;
  const head = path.slice(0, m.index);
  const tail = path.slice(m.index + whole.length);
  return inner
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.includes('...') && s !== '…')
    .flatMap((alt) => expandGroups(head + alt + tail));
}

const PLACEHOLDER = /<[^>]*>/;

/** Adds a dotted path (already relative to `root`) to a tree; `detail` goes on the leaf. */
function addPath(root: Node, path: string, detail?: string): void {
  let cur = root;
  for (const raw of path.split('.')) {
    const seg = raw.replace(/\[[^\]]*\]/g, '').trim();
    if (seg === '') continue;
    if (seg === '*' || /^<[^>]*>$/.test(seg)) {
      cur.open = true;
      return;
    }
    let next = cur.children.get(seg);
    if (!next) {
      // `SipHeader_<name>`: shown with its placeholder, inserts the literal part.
      const insert = PLACEHOLDER.test(seg) ? seg.slice(0, seg.search(PLACEHOLDER)) : seg;
      next = node(seg, insert);
      cur.children.set(seg, next);
    }
    if (PLACEHOLDER.test(seg)) return;
    cur = next;
  }
  if (detail !== undefined && cur !== root && cur.detail === undefined) cur.detail = detail;
}

interface GlobalsFile {
  namespaces: { path: string; when?: string; keys: string[] }[];
}

/** `sid (execution SID)` → path `sid`, detail `execution SID`. */
function splitKey(key: string): { path: string; detail?: string } {
  const m = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(key);
  return m?.[1] !== undefined && m[2] !== undefined ? { path: m[1], detail: m[2] } : { path: key };
}

function buildGlobals(): Node {
  const root = node('');
  for (const name of ['flow', 'trigger', 'contact']) root.children.set(name, node(name));
  for (const ns of (liquidGlobals as GlobalsFile).namespaces) {
    if (ns.path.startsWith('widgets')) continue;
    // the namespace itself: `trigger.message` (detail: when it is set)
    addPath(root, ns.path);
    const parts = ns.path.split('.');
    let nsNode: Node | undefined = root;
    for (const p of parts) nsNode = nsNode?.children.get(p);
    if (nsNode && nsNode !== root && ns.when !== undefined && nsNode.detail === undefined && parts.length > 1)
      nsNode.detail = ns.when;
    for (const key of ns.keys) {
      const { path, detail } = splitKey(key);
      addPath(root, `${ns.path}.${path}`, detail);
    }
  }
  // What widget types expose outside `widgets.NAME` (flow.channel.* of Start Conversation).
  for (const t of WIDGET_TYPES)
    for (const out of t.liquidOutputs) {
      if (!/^(flow|trigger|contact)\./.test(out)) continue;
      for (const p of expandGroups(out)) addPath(root, p);
    }
  return root;
}

const GLOBALS = buildGlobals();
const WIDGET_PREFIX = 'widgets.<name>.';

const typeTrees = new Map<string, Node>();

/**
 * Widget names in alphabetical order, case aside. One collator for every sort: `localeCompare` with options sets
 * one up at each comparison (a 1,000-widget flow's index took 17 ms to sort, in the render of the first text field
 * after each edit).
 */
let byName: Intl.Collator | undefined;

function typeTree(type: string): Node {
  let tree = typeTrees.get(type);
  if (!tree) {
    tree = node('');
    for (const out of getWidgetType(type)?.liquidOutputs ?? []) {
      if (!out.startsWith(WIDGET_PREFIX)) continue;
      for (const p of expandGroups(out.slice(WIDGET_PREFIX.length))) addPath(tree, p);
    }
    typeTrees.set(type, tree);
  }
  return tree;
}

// ---------------------------------------------------------------------------------------------------------------
// Per-definition index

interface DefIndex {
  /** Every widget's name (case-sensitive, as Liquid reads them), as the validator counts them. */
  names: Set<string>;
  /** Completion tree of `widgets.`: one child per widget (sorted by name). */
  widgets: Node;
  /** `flow.variables.` keys set by the flow's Set Variables widgets. */
  flowVariables: Node;
}

const indexes = new WeakMap<FlowDefinition, DefIndex>();

function variableKeys(w: Widget): string[] {
  const props: unknown = w.properties;
  const vars =
    typeof props === 'object' && props !== null ? (props as Record<string, unknown>).variables : undefined;
  if (!Array.isArray(vars)) return [];
  const keys: string[] = [];
  for (const v of vars as unknown[]) {
    const key = typeof v === 'object' && v !== null ? (v as Record<string, unknown>).key : undefined;
    if (typeof key === 'string' && key !== '' && /^[A-Za-z_][\w-]*$/.test(key)) keys.push(key);
  }
  return keys;
}

function defIndex(def: FlowDefinition): DefIndex {
  let index = indexes.get(def);
  if (index) return index;
  const names = new Set<string>();
  const widgets = node('widgets');
  const flowVariables = node('variables');
  const states = Array.isArray(def.states) ? def.states : [];
  const entries: Node[] = [];
  for (const w of states) {
    const state: unknown = w;
    if (typeof state !== 'object' || state === null || typeof w.name !== 'string') continue;
    names.add(w.name);
    if (w.name === '' || w.type === TRIGGER_TYPE) continue;
    const info = typeof w.type === 'string' ? getWidgetType(w.type) : undefined;
    const tree = typeTree(typeof w.type === 'string' ? w.type : '');
    const own = node(w.name);
    own.detail = info?.title ?? (typeof w.type === 'string' ? w.type : 'widget');
    own.children = new Map(tree.children);
    own.open = tree.open;
    if (w.type === 'set-variables') {
      for (const key of variableKeys(w)) {
        if (!own.children.has(key)) own.children.set(key, { ...node(key), detail: 'variable' });
        if (!flowVariables.children.has(key))
          flowVariables.children.set(key, { ...node(key), detail: w.name });
      }
    }
    entries.push(own);
  }
  const { compare } = (byName ??= new Intl.Collator('en', { sensitivity: 'base' }));
  entries.sort((a, b) => compare(a.label, b.label));
  for (const e of entries) if (!widgets.children.has(e.label)) widgets.children.set(e.label, e);
  index = { names, widgets, flowVariables };
  indexes.set(def, index);
  return index;
}

// ---------------------------------------------------------------------------------------------------------------
// Completions

const ROOTS: readonly { label: string; detail: string }[] = [
  { label: 'flow', detail: 'Flow data: variables, channel, data' },
  { label: 'trigger', detail: 'What started the execution' },
  { label: 'contact', detail: 'The contact: channel.address' },
  { label: 'widgets', detail: 'Outputs of the flow’s widgets' },
];

function isPathChar(c: string): boolean {
  return /[A-Za-z0-9_.-]/.test(c);
}

/** Start of the content of the innermost unclosed tag before the end of `text`, and its opener; or null. */
function openTag(text: string): { contentStart: number; opener: '{{' | '{%' } | null {
  const out = text.lastIndexOf('{{');
  const logic = text.lastIndexOf('{%');
  const start = Math.max(out, logic);
  if (start < 0) return null;
  const opener = start === out ? '{{' : '{%';
  const closer = opener === '{{' ? '}}' : '%}';
  if (text.indexOf(closer, start + 2) >= 0) return null;
  let contentStart = start + 2;
  if (text[contentStart] === '-') contentStart++;
  return { contentStart, opener };
}

function insideString(content: string): boolean {
  let quote: string | null = null;
  for (const c of content) {
    if (quote === null) {
      if (c === '"' || c === "'") quote = c;
    } else if (c === quote) quote = null;
  }
  return quote !== null;
}

function childItems(n: Node, kind: (child: Node) => Completion['kind']): Completion[] {
  return [...n.children.values()].map((c) => {
    const item: Completion = {
      label: c.label,
      insertText: c.insert !== c.label ? c.insert : c.children.size > 0 || c.open ? `${c.label}.` : c.label,
      kind: kind(c),
    };
    if (c.detail !== undefined) item.detail = c.detail;
    return item;
  });
}

function nodeKind(c: Node): Completion['kind'] {
  return c.children.size > 0 || c.open ? 'namespace' : 'field';
}

/**
 * Completions at the end of `textBeforeCursor` (the field's text up to the cursor): `from` is where the segment
 * being typed starts (replace `from`…cursor with an item's `insertText`). Null when the cursor is not inside an
 * unclosed `{{ … }}` / `{% … %}` tag, or where a variable cannot go (inside a string literal, a filter name after
 * `|`, a `{%` tag's name). Inside a tag, a path the tree does not know gives an empty list.
 */
export function liquidCompletions(
  def: FlowDefinition,
  textBeforeCursor: string,
): { from: number; items: Completion[] } | null {
  const tag = openTag(textBeforeCursor);
  if (!tag) return null;
  const content = textBeforeCursor.slice(tag.contentStart);
  if (insideString(content)) return null;
  let tokenStart = textBeforeCursor.length;
  while (tokenStart > tag.contentStart && isPathChar(textBeforeCursor[tokenStart - 1] ?? '')) tokenStart--;
  const before = textBeforeCursor.slice(tag.contentStart, tokenStart).trimEnd();
  if (before.endsWith('|')) return null;
  if (tag.opener === '{%' && before === '') return null;
  const prevChar = before[before.length - 1];
  if (prevChar === ']' || prevChar === ')' || prevChar === '"' || prevChar === "'") return null;
  const token = textBeforeCursor.slice(tokenStart);
  if (token.startsWith('.') || /^[0-9-]/.test(token)) return null;

  const segments = token.split('.');
  const partial = segments.pop() ?? '';
  const from = textBeforeCursor.length - partial.length;
  const items = itemsAt(def, segments, partial);
  return { from, items };
}

function matches(items: Completion[], partial: string): Completion[] {
  const p = partial.toLowerCase();
  return p === '' ? items : items.filter((i) => i.label.toLowerCase().startsWith(p));
}

function itemsAt(def: FlowDefinition, path: readonly string[], partial: string): Completion[] {
  const [root, ...rest] = path;
  if (root === undefined)
    return matches(
      ROOTS.map((r) => ({ label: r.label, insertText: `${r.label}.`, detail: r.detail, kind: 'namespace' })),
      partial,
    );
  let cur: Node | undefined;
  let kind: (c: Node) => Completion['kind'] = nodeKind;
  if (root === 'widgets') {
    const index = defIndex(def);
    cur = index.widgets;
    if (rest.length === 0) kind = () => 'widget';
  } else {
    cur = GLOBALS.children.get(root);
  }
  for (let i = 0; i < rest.length && cur; i++) {
    const seg = rest[i] ?? '';
    if (root === 'flow' && i === 0 && seg === 'variables') {
      const base = cur.children.get('variables');
      const merged = node('variables');
      merged.open = true;
      merged.children = new Map([...(base?.children ?? []), ...defIndex(def).flowVariables.children]);
      cur = merged;
      continue;
    }
    cur = cur.children.get(seg);
  }
  if (!cur) return [];
  return matches(childItems(cur, kind), partial);
}

/**
 * References in a field's `text` to widgets the flow does not have (`{{widgets.gone.Body}}`), each with the span
 * of the name in `text` (end exclusive), in text order: the validator's rule, on the flow's names (indexed once per
 * definition).
 */
export function missingWidgetReferences(def: FlowDefinition, text: string): MissingWidgetReference[] {
  if (!text.includes('widgets')) return [];
  return missingIn(text, defIndex(def).names);
}
