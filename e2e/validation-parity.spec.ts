import { readFileSync } from 'node:fs';
import { expect, test } from './test';
import { importFlowText } from '../src/io';
import type { Problem } from '../src/model/types';
import { validateDefinition, type Profile } from '../src/validation';
import { EditorPage } from './pages/EditorPage';

// The browser must give the same verdict as Node (and so as the CLI in users' CI) for the same definition.
const CORPUS = new URL('../../shared/corpus/', import.meta.url);
const CASES: { file: string; profile: Profile }[] = [
  { file: 'real/ft__volunteer-communication-center__studio-flow.json', profile: 'studio' },
  { file: 'real/tm__hu_voice-ivr.json', profile: 'studio' },
  { file: 'real/apaleo__studio_flow.json', profile: 'official' },
  { file: 'real/call-gpt__flow.json', profile: 'official' },
  { file: 'techmatters/tm__usnc_voice-blocking-no-op-hours-rec-sd_copy.json', profile: 'studio' },
];

function nodeVerdict(file: string, profile: Profile): Problem[] {
  const result = importFlowText(readFileSync(new URL(file, CORPUS), 'utf8'));
  if (!result.ok) throw new Error(result.error.message);
  const [flow] = result.flows;
  if (!flow) throw new Error('no flow');
  return validateDefinition(flow.definition, { profile });
}

for (const { file, profile } of CASES) {
  test(`${file} (${profile} profile): the same problems in the browser as in Node`, async ({ page }) => {
    const expected = nodeVerdict(file, profile);
    expect(expected.length).toBeGreaterThan(0);
    const editor = new EditorPage(page);
    await editor.goto();
    if (profile === 'official') await editor.profile.selectOption({ label: 'Official schemas' });
    const chooser = page.waitForEvent('filechooser');
    await editor.header.getByText('Open file…').click();
    await (await chooser).setFiles(new URL(file, CORPUS).pathname);

    // The severity filter buttons show each count, zeros included.
    const count = (s: Problem['severity']) => expected.filter((p) => p.severity === s).length;
    const filters = page.getByRole('group', { name: 'Show severities' });
    await expect(filters).toContainText(`${count('error')} error`);
    await expect(filters).toContainText(`${count('warning')} warning`);
    await expect(filters).toContainText(`${count('info')} info`);
    // Every message Node gives is listed in the browser (the list is short enough to be fully rendered).
    await expect(editor.problemRows()).toHaveCount(expected.length);
    const shown = await editor.problemRows().allInnerTexts();
    for (const p of expected)
      expect(
        shown.some((row) => row.includes(p.message)),
        p.message,
      ).toBe(true);
  });
}
