import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from './test';
import { EditorPage } from './pages/EditorPage';
import { needsLayout } from '../src/layout';
import type { FlowDefinition } from '../src/model/types';

/*
 * Every real flow of the corpus, opened in the browser as a user opens a file and exported again, comes back
 * byte-identical under 2-space printing, as it does through the CLI (src/io/corpus.test.ts): the editor changes
 * nothing by opening a flow, not even the layout of a flow that has no positions (that is only drawn, see
 * `openLayout` in src/store/editing.ts).
 */
const CORPUS = new URL('../../shared/corpus/', import.meta.url);
const LEGACY = 'real/accfb-foodnow__flow-old.json';
const FILES = ['real', 'techmatters']
  .flatMap((dir) =>
    readdirSync(new URL(`${dir}/`, CORPUS))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => `${dir}/${f}`),
  )
  .filter((f) => f !== LEGACY);
const SHARDS = 4;

test('the corpus holds 140 importable flows', () => {
  expect(FILES).toHaveLength(140);
});

for (let shard = 0; shard < SHARDS; shard++) {
  const files = FILES.filter((_, i) => i % SHARDS === shard);
  test(`corpus flows ${shard + 1}/${SHARDS} export byte-identically after opening`, async ({ page }) => {
    test.setTimeout(180_000);
    const editor = new EditorPage(page);
    await editor.goto();
    const exportDialog = page.getByRole('dialog', { name: 'Export flow' });
    for (const [i, file] of files.entries()) {
      const path = new URL(file, CORPUS).pathname;
      const raw = readFileSync(path, 'utf8');
      const chooser = page.waitForEvent('filechooser');
      await editor.header.getByText('Open file…').click();
      await (await chooser).setFiles(path);
      // Over an open flow, the import previews it first.
      if (i > 0) await editor.importDialog.getByRole('button', { name: 'Replace current flow' }).click();
      await expect(editor.importDialog).toBeHidden();
      // A flow without usable positions is drawn laid out: wait until it is, so that the export is taken after it.
      if (needsLayout(JSON.parse(raw) as FlowDefinition)) {
        await expect(page.getByRole('note', { name: 'Automatic layout' })).toBeVisible({ timeout: 20_000 });
      }
      await editor.header.getByRole('button', { name: 'Export…' }).click();
      const exported = await exportDialog.getByLabel('Exported JSON').inputValue();
      expect(exported, file).toBe(`${JSON.stringify(JSON.parse(raw), null, 2)}\n`);
      await page.keyboard.press('Escape');
      await expect(exportDialog).toBeHidden();
    }
  });
}
