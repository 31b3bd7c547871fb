import { writeFileSync } from 'node:fs';
import { expect, test, type Page } from './test';
import { ComparePage } from './pages/ComparePage';
import { EditorPage, type FixtureDefinition } from './pages/EditorPage';
import { InspectorPage } from './pages/InspectorPage';
import { denseFlow } from '../scripts/dense-flow';

/*
 * A large flow zoomed out: its cards are drawn on the far canvas (src/canvas/FarLayer.tsx), not mounted as DOM
 * nodes, and still everything works as on DOM cards: pressing a card selects it, dragging moves it (one undo
 * step), a connection dragged from a selected card's port and dropped on a drawn card connects it, a selection box
 * selects the cards inside it, and the search jumps to a card. The view the flow opens with is its first frame.
 */

const SIZE = 500;

let editor: EditorPage;
let flow: FixtureDefinition;

/** Where a widget's card is on screen, from the viewport's transform and the card's position in the flow. */
async function cardCentre(
  page: Page,
  name: string,
  within = '.canvas-flow',
): Promise<{ x: number; y: number }> {
  const state = flow.states.find((s) => s.name === name);
  const offset = (state?.properties as { offset?: { x: number; y: number } }).offset;
  if (!offset) throw new Error(`no offset for ${name}`);
  const { tx, ty, zoom, left, top } = await page.evaluate((scope) => {
    const root = document.querySelector(`${scope}:not([hidden] *)`) ?? document;
    const viewport = root.querySelector<HTMLElement>('.react-flow__viewport');
    const pane = root.querySelector('.react-flow')?.getBoundingClientRect();
    const m = new DOMMatrixReadOnly(viewport ? getComputedStyle(viewport).transform : 'none');
    return { tx: m.e, ty: m.f, zoom: m.a, left: pane?.left ?? 0, top: pane?.top ?? 0 };
  }, within);
  return { x: left + tx + (offset.x + 120) * zoom, y: top + ty + (offset.y + 40) * zoom };
}

async function zoom(page: Page): Promise<number> {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    return new DOMMatrixReadOnly(viewport ? getComputedStyle(viewport).transform : 'none').a;
  });
}

/** Opens `definition` as a file, as a person does ("Open file…"), written first to `path`. */
async function openGenerated(page: Page, definition: FixtureDefinition, path: string): Promise<void> {
  writeFileSync(path, JSON.stringify(definition, null, 2));
  const chooser = page.waitForEvent('filechooser');
  await editor.header.getByText('Open file…').click();
  await (await chooser).setFiles(path);
}

test.beforeEach(async ({ page }, testInfo) => {
  editor = new EditorPage(page);
  flow = denseFlow(SIZE);
  await editor.goto();
  // Every frame's viewport transform from now on, to see the first one that showed the flow.
  await page.evaluate(() => {
    const w = window as unknown as { __frames: string[] };
    w.__frames = [];
    const tick = () => {
      const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
      if (viewport) w.__frames.push(viewport.style.transform);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await openGenerated(page, flow, testInfo.outputPath('dense.json'));
  await expect(editor.widgetsGrid).toHaveAttribute('aria-rowcount', String(SIZE + 1));
});

test('opens fitted from its first frame, drawn on one canvas with no card in the DOM', async ({ page }) => {
  await expect(page.locator('canvas.canvas-far')).toBeVisible();
  await expect.poll(() => zoom(page)).toBeLessThan(0.45);
  // The first frame that had a viewport already had the final one: no 100 % frame, then a jump.
  const frames = await page.evaluate(() => (window as unknown as { __frames: string[] }).__frames);
  const final = frames.at(-1);
  expect(frames.length).toBeGreaterThan(0);
  expect(new Set(frames)).toEqual(new Set([final]));
  // Zoomed out, no card is a DOM node; the widgets grid still names every one.
  await expect(editor.canvas.locator('.react-flow__node')).toHaveCount(0);
  await expect(editor.canvas.locator('.react-flow__edge')).toHaveCount(0);
});

test('a drawn card is selected by a press, dragged as one undo step, and connected by a port drag', async ({
  page,
}) => {
  const [first, second, third] = flow.states.slice(5, 8).map((s) => s.name);
  if (!first || !second || !third) throw new Error('flow too small');
  await expect.poll(() => zoom(page)).toBeLessThan(0.45);
  const z = await zoom(page);

  // Press: selected, in the store (the widgets grid) and as a DOM card on top of the canvas.
  const at = await cardCentre(page, first);
  await page.mouse.click(at.x, at.y);
  await expect(editor.widgetRow(first)).toHaveAttribute('aria-selected', 'true');
  await expect(editor.node(first)).toHaveClass(/\bselected\b/);

  // Shift adds a second card to the selection.
  const other = await cardCentre(page, second);
  await page.keyboard.down('Shift');
  await page.mouse.click(other.x, other.y);
  await page.keyboard.up('Shift');
  await expect(page.getByText('2 widgets selected')).toBeVisible();
  await expect(editor.node(first)).toHaveClass(/\bselected\b/);
  await expect(editor.node(second)).toHaveClass(/\bselected\b/);

  // Drag a card that is not selected: it alone moves, by the distance dragged in flow pixels (snapped to 10).
  // While it is held, the inspector keeps what it showed (its form waits for the release, not to slow the drag);
  // released, it shows the dragged card's.
  const inspector = new InspectorPage(page, editor);
  const before = (await editor.savedWidget(third))?.properties as { offset: { x: number; y: number } };
  const from = await cardCentre(page, third);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y + 10, { steps: 5 });
  await expect(editor.widgetRow(third)).toHaveAttribute('aria-selected', 'true');
  await page.mouse.move(from.x + 40, from.y + 20, { steps: 5 });
  await expect(inspector.root.getByText('2 widgets selected')).toBeVisible();
  await expect(inspector.nameField).toHaveCount(0);
  // Dragged, the card is drawn (selected, on the far canvas's moving layer), not mounted; released, it is a DOM
  // card again, selected, with its ports.
  await expect(page.locator('canvas.canvas-far-moving[data-drawn]')).toHaveCount(1);
  await expect(editor.node(third)).toHaveCount(0);
  await page.mouse.up();
  await expect(inspector.nameField).toHaveValue(third);
  await expect(editor.node(third)).toHaveClass(/\bselected\b/);
  await expect(page.locator('canvas.canvas-far-moving[data-drawn]')).toHaveCount(0);
  const expected = {
    x: Math.round((before.offset.x + 40 / z) / 10) * 10,
    y: Math.round((before.offset.y + 20 / z) / 10) * 10,
  };
  await expect
    .poll(
      async () =>
        ((await editor.savedWidget(third))?.properties as { offset: { x: number; y: number } }).offset,
    )
    .toEqual(expected);
  await expect(editor.widgetRow(third)).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect
    .poll(
      async () =>
        ((await editor.savedWidget(third))?.properties as { offset: { x: number; y: number } }).offset,
    )
    .toEqual(before.offset);

  // Connect: from the selected card's first port (a DOM handle) to a drawn card.
  await page.mouse.click(at.x, at.y);
  const port = editor.node(first).locator('.react-flow__handle.source').first();
  const portId = await port.getAttribute('data-handleid');
  const box = await port.boundingBox();
  if (!box || !portId) throw new Error('no port');
  const target = flow.states.at(-1)?.name ?? '';
  const to = await cardCentre(page, target);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move((box.x + to.x) / 2, (box.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
  await expect
    .poll(
      async () =>
        (await editor.savedWidget(first))?.transitions.find((t) => t.event === portId || t.next === target)
          ?.next,
    )
    .toBe(target);
});

test('a selection box selects the drawn cards inside it; the search jumps to a card in readable view', async ({
  page,
}) => {
  await expect.poll(() => zoom(page)).toBeLessThan(0.45);
  const offsetOf = (s: FixtureDefinition['states'][number]) =>
    (s.properties as { offset: { x: number; y: number } }).offset;
  // Three neighbours in a middle row, away from the edges (a box near an edge makes React Flow pan the view).
  const rows = [...new Set(flow.states.map((s) => offsetOf(s).y))].sort((a, b) => a - b);
  const row = rows[Math.floor(rows.length / 2)];
  const inRow = flow.states
    .filter((s) => offsetOf(s).y === row)
    .sort((a, b) => offsetOf(a).x - offsetOf(b).x);
  const middle = Math.floor(inRow.length / 2);
  const names = inRow.slice(middle - 1, middle + 2).map((s) => s.name);
  expect(names).toHaveLength(3);
  const points = await Promise.all(names.map((n) => cardCentre(page, n)));
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  // A box around the three cards' centres, grown by a card's size on screen.
  const z = await zoom(page);
  const pad = { x: 200 * z, y: 150 * z };
  await page.keyboard.down('Shift');
  await page.mouse.move(Math.min(...xs) - pad.x, Math.min(...ys) - pad.y);
  await page.mouse.down();
  await page.mouse.move(Math.max(...xs) + pad.x, Math.max(...ys) + pad.y, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.getByText('3 widgets selected')).toBeVisible();
  for (const name of names) await expect(editor.node(name)).toHaveClass(/\bselected\b/);

  // The search: the chosen card centred and readable, a DOM card again.
  const name = flow.states[SIZE - 10]?.name ?? '';
  await editor.canvas.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+K');
  await page.getByRole('combobox', { name: 'Jump to widget' }).fill(name);
  await page.keyboard.press('Enter');
  await expect(editor.node(name)).toBeVisible();
  await expect.poll(() => zoom(page)).toBeGreaterThanOrEqual(0.45);
});

test('the compare canvas of a large flow is drawn the same way, and a press on a drawn card chooses it', async ({
  page,
}) => {
  // The open flow against a copy with one message changed.
  const changed = structuredClone(flow);
  const target = changed.states.find((s) => s.type === 'send-message');
  if (!target) throw new Error('no send-message');
  (target.properties as { body: string }).body = 'Changed for the comparison';
  const compare = new ComparePage(page);
  await compare.openButton.click();
  // Pasted, as a person does (the text is large: the box holds it aside, see LargeTextArea).
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(changed, null, 2));
  await compare.changedGroup.getByLabel('Changed JSON').focus();
  await page.keyboard.press('ControlOrMeta+V');
  await compare.compareButton.click();
  await expect(compare.changes).toContainText('1 changed');
  await expect(page.locator('.diff-canvas canvas.canvas-far')).toBeVisible();
  await expect(compare.canvas.locator('.react-flow__node')).toHaveCount(0);

  // A press on a drawn card chooses it: its DOM card appears on top of the drawing (an unchanged widget: no row of
  // the change list is chosen).
  const other = flow.states[3]?.name ?? '';
  const at = await cardCentre(page, other, '.diff-canvas');
  await page.mouse.click(at.x, at.y);
  await expect(compare.node(other)).toBeVisible();
  await expect(compare.selectedRow()).toHaveCount(0);
});

/** The middle of the part of an element that is inside the canvas (a card at its edge is partly off screen). */
async function visibleCentre(
  page: Page,
  locator: ReturnType<Page['locator']>,
): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  const view = await page.locator('.canvas-flow .react-flow').boundingBox();
  if (!box || !view) throw new Error('not on screen');
  const left = Math.max(box.x, view.x + 4);
  const right = Math.min(box.x + box.width, view.x + view.width - 4);
  const top = Math.max(box.y, view.y + 4);
  const bottom = Math.min(box.y + box.height, view.y + view.height - 4);
  if (left >= right || top >= bottom) throw new Error('not inside the canvas');
  return { x: (left + right) / 2, y: (top + bottom) / 2 };
}

test('at the farthest zoom (5 %) and at 100 %, a card of a large flow is selected, dragged and connected', async ({
  page,
}) => {
  const offsetOf = (name: string) =>
    (flow.states.find((s) => s.name === name)?.properties as { offset: { x: number; y: number } }).offset;
  const savedOffset = async (name: string) =>
    ((await editor.savedWidget(name))?.properties as { offset: { x: number; y: number } }).offset;
  const transitionTo = async (from: string, to: string) =>
    (await editor.savedWidget(from))?.transitions.some((t) => t.next === to) ?? false;

  // Zoomed out to the minimum with the keyboard.
  await expect.poll(() => zoom(page)).toBeLessThan(0.45);
  await editor.canvas.click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 20 && (await zoom(page)) > 0.0501; i++) await page.keyboard.press('-');
  await expect.poll(() => zoom(page)).toBeCloseTo(0.05, 3);
  await expect(page.locator('canvas.canvas-far')).toBeVisible();

  // Press: selected. Drag: moved by the distance in flow pixels (20 px on screen is 400 px in the flow).
  const [a, b, c] = flow.states.slice(20, 23).map((s) => s.name);
  if (!a || !b || !c) throw new Error('flow too small');
  const before = offsetOf(b);
  const from = await cardCentre(page, b);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 10, from.y + 5, { steps: 4 });
  await page.mouse.move(from.x + 20, from.y + 10, { steps: 4 });
  await page.mouse.up();
  await expect(editor.widgetRow(b)).toHaveAttribute('aria-selected', 'true');
  await expect
    .poll(() => savedOffset(b))
    .toEqual({
      x: Math.round((before.x + 20 / 0.05) / 10) * 10,
      y: Math.round((before.y + 10 / 0.05) / 10) * 10,
    });

  // Connect: from the selected card's port strip to a drawn card.
  const at = await cardCentre(page, a);
  await page.mouse.click(at.x, at.y);
  await expect(editor.node(a)).toHaveClass(/\bselected\b/);
  expect(await transitionTo(a, c)).toBe(false);
  const port = editor.node(a).locator('.react-flow__handle.source').first();
  const to = await cardCentre(page, c);
  await editor.drag(await editor.centreOf(port), to, 6);
  await expect.poll(() => transitionTo(a, c)).toBe(true);

  // 100 %: the search centres a card at 100 %, where the cards are DOM cards again.
  const target = flow.states[SIZE - 30]?.name ?? '';
  const t = offsetOf(target);
  const neighbour = flow.states.find((s) => {
    const o = (s.properties as { offset: { x: number; y: number } }).offset;
    return o.y === t.y && Math.abs(o.x - t.x) === 400;
  })?.name;
  if (!neighbour) throw new Error('no neighbour');
  await editor.canvas.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+K');
  await page.getByRole('combobox', { name: 'Jump to widget' }).fill(target);
  await page.keyboard.press('Enter');
  await expect.poll(() => zoom(page)).toBeCloseTo(1, 3);
  await expect(page.locator('canvas.canvas-far')).not.toHaveAttribute('data-cards-painted');
  await expect(editor.node(target)).toBeVisible();

  const startAt = await savedOffset(target);
  await editor.dragNode(target, 30, 20);
  await expect.poll(() => savedOffset(target)).toEqual({ x: startAt.x + 30, y: startAt.y + 20 });

  expect(await transitionTo(target, neighbour)).toBe(false);
  await editor.node(target).click({ position: { x: 20, y: 20 } });
  const targetPort = editor.node(target).locator('.react-flow__handle.source').first();
  await editor.drag(await editor.centreOf(targetPort), await visibleCentre(page, editor.node(neighbour)));
  await expect.poll(() => transitionTo(target, neighbour)).toBe(true);
});

test('a double press on a drawn card brings it into readable view, selected', async ({ page }) => {
  await expect.poll(() => zoom(page)).toBeLessThan(0.45);
  const name = flow.states[Math.floor(SIZE / 2)]?.name ?? '';
  const at = await cardCentre(page, name);
  await page.mouse.dblclick(at.x, at.y);
  await expect.poll(() => zoom(page)).toBeGreaterThanOrEqual(0.45);
  await expect(editor.node(name)).toBeVisible();
  await expect(editor.widgetRow(name)).toHaveAttribute('aria-selected', 'true');
});

test('zoomed in to readable view with the wheel, nothing drawn on the far canvas is left behind the cards', async ({
  page,
}) => {
  await expect.poll(() => zoom(page)).toBeLessThan(0.45);
  // Pixels of the far canvas that are not transparent.
  const drawn = () =>
    page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('canvas.canvas-far');
      const context = canvas?.getContext('2d');
      if (!canvas || !context) return -1;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) count++;
      return count;
    });
  expect(await drawn()).toBeGreaterThan(1000);
  const pane = await editor.canvas.boundingBox();
  if (!pane) throw new Error('no canvas');
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  // A few quick notches of the wheel, as a user zooms in on a spot.
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -400);
  await expect.poll(() => zoom(page)).toBeGreaterThanOrEqual(1);
  await expect(editor.canvas.locator('.react-flow__node').first()).toBeVisible();
  await expect.poll(drawn).toBe(0);
});

type Moved = { transform: string; drawn: (boolean | null)[] };
type PanProbe = { __moved: Moved[]; __drawn: () => (boolean | null)[] };

/**
 * Pans the far canvas from the empty top-left corner of the pane, and checks, at every move of the drawing and once
 * the view has rested, that the drawing under each of `names`' centres that is on screen (where the view puts it)
 * is a card's fill.
 * Returns whether the drawing was moved rather than drawn again.
 */
async function panAndCheck(page: Page, of: FixtureDefinition, names: string[]): Promise<boolean> {
  const offsets = names.map((n) => {
    const state = of.states.find((s) => s.name === n);
    return (state?.properties as { offset: { x: number; y: number } }).offset;
  });
  await page.evaluate((cards) => {
    const w = window as unknown as PanProbe;
    const canvas = document.querySelector<HTMLCanvasElement>('canvas.canvas-far');
    const viewport = document.querySelector<HTMLElement>('.canvas-flow .react-flow__viewport');
    const flowPane = document.querySelector('.canvas-flow .react-flow');
    if (!canvas || !viewport || !flowPane) throw new Error('no far canvas');
    w.__drawn = () => {
      const pane = flowPane.getBoundingClientRect();
      const m = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
      const rect = canvas.getBoundingClientRect();
      const ratio = canvas.width / rect.width;
      const context = canvas.getContext('2d');
      return cards.map((o) => {
        const screenX = pane.left + m.e + (o.x + 120) * m.a;
        const screenY = pane.top + m.f + (o.y + 40) * m.a;
        // A card out of the pane is not on screen: nothing to check.
        if (screenX < pane.left || screenX > pane.right || screenY < pane.top || screenY > pane.bottom)
          return null;
        const x = (screenX - rect.left) * ratio;
        const y = (screenY - rect.top) * ratio;
        return (context?.getImageData(Math.round(x), Math.round(y), 1, 1).data[3] ?? 0) > 0;
      });
    };
    w.__moved = [];
    new MutationObserver(() =>
      w.__moved.push({ transform: canvas.style.transform, drawn: w.__drawn() }),
    ).observe(canvas, { attributes: true, attributeFilter: ['style'] });
  }, offsets);
  const pane = await page.locator('.canvas-flow .react-flow').boundingBox();
  if (!pane) throw new Error('no canvas');
  // From the top-left corner of the pane (the fitted view leaves a margin), right and down, in steps as a hand does.
  const from = { x: pane.x + 6, y: pane.y + 6 };
  await editor.drag(from, { x: from.x + 90, y: from.y + 60 }, 10);
  // Drawn again once the view rests: no longer moved.
  await expect
    .poll(() =>
      page.evaluate(() => document.querySelector<HTMLElement>('canvas.canvas-far')?.style.transform),
    )
    .toBe('');
  const moved = await page.evaluate(() => (window as unknown as PanProbe).__moved);
  // Every card on screen was drawn where it was shown (none is missing: no `false`), at every move and at rest.
  const final = await page.evaluate(() => (window as unknown as PanProbe).__drawn());
  for (const drawn of [...moved.map((m) => m.drawn), final]) expect(drawn).not.toContain(false);
  expect(final.filter((d) => d === true).length).toBeGreaterThanOrEqual(3);
  return moved.some((m) => m.transform.startsWith('translate('));
}

test('panned at the fitted view, the drawing moves with the flow, and is drawn again exactly when the view rests', async ({
  page,
}) => {
  await expect.poll(() => zoom(page)).toBeLessThan(0.45);
  const names = [0, 50, 120, 250, 400].map((i) => flow.states[i]?.name ?? '');
  expect(await panAndCheck(page, flow, names)).toBe(true);
});

test('a flow larger than the pane at the farthest zoom is drawn whole once the view rests, and pans by moving', async ({
  page,
}, testInfo) => {
  const big = denseFlow(2000);
  await openGenerated(page, big, testInfo.outputPath('dense-2000.json'));
  await page.getByRole('button', { name: 'Replace current flow' }).click();
  await expect(editor.widgetsGrid).toHaveAttribute('aria-rowcount', String(2000 + 1));
  // The flow does not fit the pane at the farthest zoom; once the view rests, the drawing covers it whole.
  const covers = () =>
    page.evaluate(() => {
      const canvas = document.querySelector('canvas.canvas-far')?.getBoundingClientRect();
      const pane = document.querySelector('.canvas-flow .react-flow')?.getBoundingClientRect();
      return canvas && pane ? canvas.height * canvas.width > pane.height * pane.width : false;
    });
  await expect.poll(covers).toBe(true);
  // Five cards well inside the pane (the flow is larger than it), spread over the flow's order.
  const view = await page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.canvas-flow .react-flow__viewport');
    const pane = document.querySelector('.canvas-flow .react-flow')?.getBoundingClientRect();
    const m = new DOMMatrixReadOnly(viewport ? getComputedStyle(viewport).transform : 'none');
    return { tx: m.e, ty: m.f, zoom: m.a, width: pane?.width ?? 0, height: pane?.height ?? 0 };
  });
  const inside = big.states.filter((s) => {
    const o = (s.properties as { offset: { x: number; y: number } }).offset;
    const x = view.tx + (o.x + 120) * view.zoom;
    const y = view.ty + (o.y + 40) * view.zoom;
    return x > view.width * 0.25 && x < view.width * 0.6 && y > view.height * 0.25 && y < view.height * 0.6;
  });
  const names = [0, 0.25, 0.5, 0.75, 0.99].map((f) => inside[Math.floor(f * inside.length)]?.name ?? '');
  expect(inside.length).toBeGreaterThan(20);
  expect(await panAndCheck(page, big, names)).toBe(true);
});
