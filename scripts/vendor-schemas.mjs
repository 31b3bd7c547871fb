#!/usr/bin/env node
// Copies the official Studio schemas, the reconstructed commons/stubs and a trimmed widget catalog from
// ../shared into src/schema/vendor, then generates the import list of those schemas (vendor/documents.ts, see
// ./schema-documents.mjs). Run by hand (`npm run vendor`) when ../shared changes; the output is committed so that
// neither the app nor the CLI ever reads ../shared at run time.
import { readFileSync, writeFileSync, readdirSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOCUMENTS_PATH, documentsModule } from './schema-documents.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.SHARED_DIR ?? join(root, '..', 'shared');
const out = join(root, 'src', 'schema', 'vendor');
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'official'), { recursive: true });
mkdirSync(join(out, 'reconstructed'), { recursive: true });

const copyDir = (from, to) => {
  for (const f of readdirSync(from).sort()) {
    if (!f.endsWith('.json')) continue;
    // Re-serialise to validate the JSON; the content is kept exactly as published.
    const value = JSON.parse(readFileSync(join(from, f), 'utf8'));
    writeFileSync(join(to, f), JSON.stringify(value, null, 2) + '\n');
  }
};
copyDir(join(shared, 'schemas'), join(out, 'official'));
copyDir(join(shared, 'schemas', 'reconstructed'), join(out, 'reconstructed'));

// The catalog is facts about widget types; drop provenance prose and evidence the app never reads (property and
// output notes, the corpus notes on transitions, which enums list a type, how sure a default name is) to keep the
// bundle small. Every byte of it stays in the page's memory, twice over while one character in it is outside
// Latin-1 (V8 then keeps the whole text at two bytes a character): the notes held all 15 such characters.
const catalog = JSON.parse(readFileSync(join(shared, 'widget-catalog.json'), 'utf8'));
const keepEvent = ({ event, label, whenFires, canvasPort }) => ({ event, label, whenFires, canvasPort });
const keepProp = (p) => {
  const o = { key: p.key, valueType: p.valueType, required: p.required };
  if (p.default !== undefined) o.default = p.default;
  if (p.enum !== undefined) o.enum = p.enum;
  return o;
};
const trimmed = catalog.map((w) => {
  const o = {
    type: w.type,
    title: w.title,
    category: w.category,
    status: w.status,
    summary: w.summary,
    inOfficialSchema: w.inOfficialSchema,
    legacyAliases: w.legacyAliases ?? {},
    events: (w.events ?? []).map(keepEvent),
    canvasPortOrder: w.canvasPortOrder ?? [],
    properties: (w.properties ?? []).map(keepProp),
    defaultName: { pattern: w.defaultName?.pattern ?? 'unknown' },
    liquidOutputs: (w.liquidOutputs ?? []).map(({ path }) => ({ path })),
  };
  if (w.conditionTypes)
    o.conditionTypes = w.conditionTypes.map(({ semantics: _semantics, ...kept }) => kept);
  return o;
});
writeFileSync(join(out, 'widget-catalog.json'), JSON.stringify(trimmed, null, 2) + '\n');
writeFileSync(
  join(out, 'liquid-globals.json'),
  JSON.stringify(JSON.parse(readFileSync(join(shared, 'liquid-globals.json'), 'utf8')), null, 2) + '\n',
);
writeFileSync(DOCUMENTS_PATH, documentsModule(out));
console.log(`vendored into ${out}`);
