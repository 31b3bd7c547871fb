import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from './test';
import { EditorPage, fixtureDefinition } from './pages/EditorPage';

const FIXTURE = 'tm__ca_988camh.json';
const BASE = 'tm__ca_988camh';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let editor: EditorPage;
let dialog: Locator;

test.beforeEach(async ({ page }) => {
  editor = new EditorPage(page);
  dialog = page.getByRole('dialog', { name: 'Export flow' });
  await editor.goto();
  await editor.openFile(FIXTURE);
  await expect(editor.widgetRows()).toHaveCount(fixtureDefinition(FIXTURE).states.length);
  await editor.header.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog).toBeVisible();
});

/** Clicks the button and returns the downloaded file's name and bytes. */
async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const downloaded = page.waitForEvent('download');
  await dialog.getByRole('button', { name: button, exact: true }).click();
  const file = await downloaded;
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

test('Download SVG gives the whole flow as an SVG', async ({ page }) => {
  const { name, bytes } = await download(page, 'Download SVG');
  expect(name).toBe(`${BASE}.svg`);
  const svg = bytes.toString('utf8');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="/);
  expect(svg.trim().endsWith('</svg>')).toBe(true);
  for (const state of fixtureDefinition(FIXTURE).states) expect(svg).toContain(`>${escapeXml(state.name)}<`);
  await expect(dialog.getByRole('status')).toHaveText(`Downloaded ${BASE}.svg.`);

  // The browser parses it as SVG without errors.
  const ok = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return doc.documentElement.nodeName === 'svg' && doc.getElementsByTagName('parsererror').length === 0;
  }, svg);
  expect(ok).toBe(true);
});

test('Download PNG gives a PNG of the whole flow', async ({ page }) => {
  const { name, bytes } = await download(page, 'Download PNG');
  expect(name).toBe(`${BASE}.png`);
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(bytes.length).toBeGreaterThan(10_000);
  // IHDR: width and height, big-endian, at bytes 16-23.
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  expect(width).toBeGreaterThan(200);
  expect(height).toBeGreaterThan(200);
  await expect(dialog.getByRole('status')).toHaveText(`Downloaded ${BASE}.png.`);
});
