import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from './test';
import { EditorPage, fixtureDefinition, fixtureText } from './pages/EditorPage';

/*
 * Flows whose widget offsets no canvas can draw. The canvas and the images clamp positions to ±1,000,000 px for
 * display only; the document keeps what the file says.
 *
 * - MIXED: 1e308 either way (finite), 1e400 (JSON.parse reads Infinity) and numeric strings.
 * - FINITE: only finite offsets, some far beyond the canvas.
 * No canvas can draw these where they say, so both flows are drawn with a computed layout, near the origin (it must
 * not anchor on the Trigger's 1e308). That layout is shown, not written (see `openLayout` in src/store/editing.ts):
 * the export is the flow as opened.
 */
const MIXED = 'hostile-geometry.json';
const FINITE = 'hostile-geometry-finite.json';
const MAX_OFFSET = 1_000_000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let editor: EditorPage;
let dialog: Locator;

test.beforeEach(async ({ page }) => {
  editor = new EditorPage(page);
  dialog = page.getByRole('dialog', { name: 'Export flow' });
  await editor.goto();
});

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

async function open(fixture: string): Promise<void> {
  await editor.openFile(fixture);
  await expect(editor.status).toContainText(fixture);
  await expect(editor.widgetRows()).toHaveCount(fixtureDefinition(fixture).states.length);
}

/** Clicks an export button and returns the downloaded file's bytes. */
async function download(page: Page, button: string): Promise<Buffer> {
  const downloaded = page.waitForEvent('download');
  await dialog.getByRole('button', { name: button, exact: true }).click();
  return readFileSync(await (await downloaded).path());
}

/** Each widget, picked in the Widgets list, is brought into view on the canvas, selected, and can be clicked. */
async function expectEveryCardReachable(fixture: string): Promise<void> {
  for (const { name } of fixtureDefinition(fixture).states) {
    await editor.widgetRow(name).click();
    const card = editor.node(name);
    await expect(card).toBeVisible();
    await expect(card).toHaveClass(/\bselected\b/);
    const box = await card.boundingBox();
    expect(box, name).not.toBeNull();
    for (const v of [box?.x, box?.y, box?.width, box?.height]) expect(Number.isFinite(v), name).toBe(true);
    await card.click();
    await expect(card).toHaveClass(/\bselected\b/);
  }
}

/** The minimap drew the cards, and its view frame has a finite place and size. */
async function expectMinimapDrawn(page: Page): Promise<void> {
  const minimap = editor.canvas.getByRole('img', { name: 'Minimap' });
  await expect(minimap).toBeVisible();
  await expect
    .poll(() =>
      minimap.evaluate((area) => {
        const canvas = area.querySelector('canvas');
        const context = canvas?.getContext('2d');
        if (!canvas || !context) return 0;
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
        return painted;
      }),
    )
    .toBeGreaterThan(0);
  const frame = await page.locator('.canvas-minimap-view').evaluate((view) => {
    const style = (view as HTMLElement).style;
    return { transform: style.transform, width: style.width, height: style.height };
  });
  expect(frame.transform).toMatch(/^translate\(-?[\d.]+px, -?[\d.]+px\)$/);
  expect(Number.parseFloat(frame.width)).toBeGreaterThan(0);
  expect(Number.parseFloat(frame.height)).toBeGreaterThan(0);
}

/** Downloads the SVG and checks it: a finite viewBox and size, every widget named, parsed without errors. */
async function expectFiniteSvg(page: Page, fixture: string): Promise<number[]> {
  const svg = (await download(page, 'Download SVG')).toString('utf8');
  const match = /^<svg [^>]*viewBox="([^"]*)" width="([^"]*)" height="([^"]*)"/.exec(svg);
  expect(match).not.toBeNull();
  const box = (match?.[1] ?? '').split(' ').map(Number);
  expect(box).toHaveLength(4);
  for (const v of box) expect(Number.isFinite(v)).toBe(true);
  expect([Number(match?.[2]), Number(match?.[3])]).toEqual([box[2], box[3]]);
  expect(svg).not.toMatch(/NaN|Infinity/);
  for (const { name } of fixtureDefinition(fixture).states) expect(svg).toContain(`>${escapeXml(name)}<`);
  const ok = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return doc.documentElement.nodeName === 'svg' && doc.getElementsByTagName('parsererror').length === 0;
  }, svg);
  expect(ok).toBe(true);
  return box;
}

async function expectPng(page: Page): Promise<void> {
  const png = await download(page, 'Download PNG');
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  // IHDR: width and height, big-endian, at bytes 16-23; within Chromium's canvas limit.
  for (const side of [png.readUInt32BE(16), png.readUInt32BE(20)]) {
    expect(side).toBeGreaterThan(0);
    expect(side).toBeLessThanOrEqual(16_384);
  }
}

test('1e308, 1e400 and string offsets: drawn laid out, every card on the canvas, images finite, the flow unchanged', async ({
  page,
}) => {
  await open(MIXED);
  // The whole flow fits in view once it is laid out.
  for (const { name } of fixtureDefinition(MIXED).states) await expect(editor.node(name)).toBeVisible();
  await expectEveryCardReachable(MIXED);
  await expectMinimapDrawn(page);

  await editor.header.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog).toBeVisible();
  // The layout is drawn, not written: the export is the flow as opened (1e400 was read as Infinity, which JSON
  // writes as null: validation reports that value on its widget, see below).
  await expect(dialog.getByLabel('Exported JSON')).toHaveValue(
    `${JSON.stringify(JSON.parse(fixtureText(MIXED)), null, 2)}\n`,
  );
  // The images show what the canvas draws: the layout near the origin, not the Trigger's 1e308.
  const [, , width, height] = await expectFiniteSvg(page, MIXED);
  expect(width).toBeLessThan(10_000);
  expect(height).toBeLessThan(10_000);
  await expectPng(page);
});

test('offsets far beyond the canvas, all finite: drawn laid out, each card reachable, the file unchanged', async ({
  page,
}) => {
  await open(FINITE);
  await expectEveryCardReachable(FINITE);
  await expectMinimapDrawn(page);

  await editor.header.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog).toBeVisible();
  // The drawn layout wrote nothing back: the export is the file, byte for byte.
  await expect(dialog.getByLabel('Exported JSON')).toHaveValue(fixtureText(FINITE));
  const [x, y, width, height] = await expectFiniteSvg(page, FINITE);
  for (const v of [x, y, width, height]) expect(Math.abs(v ?? Infinity)).toBeLessThan(MAX_OFFSET);
  await expectPng(page);
});
