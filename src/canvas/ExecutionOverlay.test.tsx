// @vitest-environment jsdom
import { ReactFlow, ReactFlowProvider, useStoreApi } from '@xyflow/react';
import { act, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { denseFlow } from '../../scripts/dense-flow';
import type { FlowDefinition, Widget } from '../model/types';
import { createEditorStore } from '../store/editorStore';
import { EditorProvider } from '../store/react';
import { DIMMED_CLASS, ExecutionOverlay, OverlaySvg, ZOOM_SETTLE_MS } from './ExecutionOverlay';
import { MAX_OVERLAY_TEXTS, overlayScene, type CanvasOverlay } from './overlay';

const FLOW = {
  initial_state: 'Trigger',
  states: [
    {
      name: 'Trigger',
      type: 'trigger',
      transitions: [
        { event: 'incomingMessage', next: 'ask' },
        { event: 'incomingCall' },
        { event: 'incomingRequest' },
      ],
      properties: { offset: { x: 0, y: 0 } },
    },
    {
      name: 'ask',
      type: 'send-and-wait-for-reply',
      transitions: [
        { event: 'incomingMessage', next: 'menu' },
        { event: 'timeout' },
        { event: 'deliveryFailure' },
      ],
      properties: { offset: { x: 0, y: 250 }, body: 'Yes or no?', timeout: '3600' },
    },
    {
      name: 'menu',
      type: 'split-based-on',
      transitions: [
        { event: 'noMatch', next: 'ask' },
        {
          event: 'match',
          next: 'bye',
          conditions: [{ friendly_name: 'If yes', arguments: ['{{x}}'], type: 'equal_to', value: 'yes' }],
        },
      ],
      properties: { input: '{{x}}', offset: { x: 40, y: 520 } },
    },
    {
      name: 'bye',
      type: 'send-message',
      transitions: [{ event: 'sent' }, { event: 'failed' }],
      properties: { offset: { x: 420, y: 820 }, body: 'Bye' },
    },
  ],
} as unknown as FlowDefinition;

const OVERLAY: CanvasOverlay = {
  kind: 'path',
  widgets: {
    Trigger: { badges: ['1'], mark: 'visited' },
    ask: { badges: ['2', '4', '6', '8', '10'], mark: 'visited' },
    menu: { badges: ['3', '5', '7', '9'], mark: 'visited' },
    bye: { badges: ['11'], mark: 'waiting' },
  },
  edges: [
    { from: 'Trigger', event: 'incomingMessage', to: 'ask', label: 'incomingMessage', weight: 1 },
    { from: 'ask', event: 'incomingMessage', to: 'menu', label: 'incomingMessage', weight: 1 },
    { from: 'menu', event: 'noMatch', to: 'ask', label: 'noMatch', weight: 0.5 },
    { from: 'menu', event: 'match', to: 'bye', label: 'match', weight: 1, current: true },
  ],
  focus: 'bye',
};

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** The markup React renders for `element` (the DOM's, as the browser gets it). */
function markup(element: ReactNode): string {
  const host = document.createElement('div');
  const root = createRoot(host);
  act(() => root.render(element));
  const html = host.innerHTML;
  act(() => root.unmount());
  return html;
}

/** The texts of an SVG's markup, in document order. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');
}

describe('OverlaySvg', () => {
  const scene = overlayScene(FLOW, OVERLAY);

  it('draws the badges, captions and edge labels as one hidden SVG', () => {
    const svg = markup(<OverlaySvg scene={scene} scale={1} />);
    expect(svg.startsWith('<svg class="canvas-overlay ov-path" aria-hidden="true" focusable="false"')).toBe(
      true,
    );
    // The loop back from the menu ("noMatch") has its label where the transition into the menu has its own: the
    // weaker one gives way.
    expect(texts(svg).sort()).toEqual(
      ['incomingMessage', 'incomingMessage', 'match', '1', '2…10 (5×)', '3…9 (4×)', '11', 'Waiting'].sort(),
    );
    // The current transition's label is emphasised; the waiting widget's ring is dashed; the focus glows.
    expect(svg).toMatch(/<text class="ov-label ov-current"[^>]*>match<\/text>/);
    expect(svg).toMatch(
      /<path d="[^"]+" class="ov-ring ov-waiting" stroke-width="3" stroke-dasharray="7 4">/,
    );
    expect(svg).toContain('class="ov-glow"');
    expect(svg).toContain('class="ov-pill ov-pill-waiting"');
    // Every curve is in the drawing, with an arrowhead at its end.
    for (const e of scene.edges) {
      expect(svg).toContain(e.d);
      expect(svg).toContain(`L${String(e.tx)} `);
    }
    expect(svg).toContain('data-edges="4"');
    expect(svg).toContain('data-texts="8"');
  });

  it('leaves the texts out while the view zooms, and keeps every shape', () => {
    const still = markup(<OverlaySvg scene={scene} scale={2} />);
    const zooming = markup(<OverlaySvg scene={scene} scale={2} texts={false} />);
    expect(texts(zooming)).toEqual([]);
    expect(zooming).not.toContain('ov-pill');
    const shapes = (svg: string) => svg.match(/<path [^>]*>/g)?.filter((p) => !p.includes('ov-pill')) ?? [];
    expect(shapes(zooming)).toEqual(shapes(still));
  });

  it('grows the marks and texts with the scale (zoomed out), the drawing staying in flow coordinates', () => {
    const near = markup(<OverlaySvg scene={scene} scale={1} />);
    const far = markup(<OverlaySvg scene={scene} scale={8} />);
    expect(near).toContain('font-size="11"');
    expect(far).toContain('font-size="88"');
    const edge = scene.edges[0];
    if (!edge) throw new Error('no edge');
    expect(far).toContain(edge.d);
  });

  it('stays a few thousand elements for a heat overlay over 2,000 widgets', () => {
    const big = denseFlow(2000);
    const overlay: CanvasOverlay = {
      kind: 'heat',
      widgets: Object.fromEntries(
        big.states.map((s, i) => [
          s.name,
          { badges: [String(i + 1)], mark: 'reached' as const, weight: (i % 5) / 4 },
        ]),
      ),
      edges: big.states.flatMap((s) =>
        s.transitions.flatMap((t) =>
          typeof t.next === 'string' && t.next !== ''
            ? [{ from: s.name, event: t.event, to: t.next, label: '7', weight: 0.6 }]
            : [],
        ),
      ),
    };
    const bigScene = overlayScene(big, overlay);
    const svg = markup(<OverlaySvg scene={bigScene} scale={16} />);
    expect(svg).toContain('class="canvas-overlay ov-heat"');
    const elements = svg.match(/<(path|text|g)\b/g) ?? [];
    const textCount = svg.match(/<text\b/g)?.length ?? 0;
    expect(textCount).toBeLessThanOrEqual(MAX_OVERLAY_TEXTS);
    // Shapes are batched per look (here 5 ring weights, 5 curve weights and their arrowheads, one pill look) and
    // per cell of the flow (at most 8 × 8): a few hundred paths, however many widgets.
    expect(elements.length - textCount).toBeLessThanOrEqual(16 * 64 + 1);
    expect(elements.length).toBeLessThan(2600);
    // Every ring is drawn once (a heat overlay leaves out the widgets no execution reached: weight 0).
    const ringPaths = svg.match(/<path d="[^"]*" class="ov-ring"/g) ?? [];
    expect(bigScene.widgets).toHaveLength(1600);
    expect(ringPaths.join('').match(/Z/g)?.length).toBe(1600);
    // Zoomed out, where the whole flow fits a few tiles, the regions are larger: fewer paths for the page to paint.
    const near = markup(<OverlaySvg scene={bigScene} scale={1} texts={false} />);
    const nearRings = near.match(/<path d="[^"]*" class="ov-ring"/g) ?? [];
    expect(nearRings.join('').match(/Z/g)?.length).toBe(1600);
    expect(ringPaths.length).toBeLessThan(nearRings.length);
  });

  it('batches shapes of one look by region, so a tile of the canvas only draws the paths near it', () => {
    const at = (name: string, x: number, y: number, next?: string): Widget => ({
      name,
      type: 'set-variables',
      transitions: [{ event: 'next', ...(next ? { next } : {}) }],
      properties: { offset: { x, y }, variables: [] },
    });
    const flow: FlowDefinition = {
      description: 'far apart',
      flags: { allow_concurrent_calls: true },
      initial_state: 'a',
      states: [at('a', 0, 0, 'b'), at('b', 300, 300, 'c'), at('c', 30000, 20000)],
    };
    const overlay: CanvasOverlay = {
      kind: 'heat',
      widgets: Object.fromEntries(
        ['a', 'b', 'c'].map((n) => [n, { badges: [], mark: 'reached' as const, weight: 1 }]),
      ),
      edges: [],
    };
    const svg = markup(<OverlaySvg scene={overlayScene(flow, overlay)} scale={1} />);
    const rings = svg.match(/<path d="([^"]*)" class="ov-ring"/g) ?? [];
    // a and b share a region, c is in another: two paths of one look, three rings in all.
    expect(rings).toHaveLength(2);
    expect(rings.map((r) => r.match(/Z/g)?.length).sort()).toEqual([1, 2]);
  });
});

describe('ExecutionOverlay on a React Flow canvas', () => {
  beforeAll(() => {
    // jsdom has no ResizeObserver: React Flow measures its pane with one.
    if (!('ResizeObserver' in globalThis)) {
      Object.assign(globalThis, {
        ResizeObserver: class {
          observe(): void {}
          unobserve(): void {}
          disconnect(): void {}
        },
      });
    }
  });
  const mounted: (() => void)[] = [];
  afterEach(() => {
    for (const unmount of mounted.splice(0)) unmount();
  });

  function mount() {
    const store = createEditorStore();
    store.getState().createNewFlow();
    store.getState().replaceDefinition(FLOW);
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    let show: (overlay: CanvasOverlay | null) => void = () => {};
    let flowStore: ReturnType<typeof useStoreApi> | null = null;
    function Grab() {
      flowStore = useStoreApi();
      return null;
    }
    function Canvas() {
      const [overlay, setOverlay] = useState<CanvasOverlay | null>(OVERLAY);
      const [container, setContainer] = useState<HTMLDivElement | null>(null);
      show = setOverlay;
      return (
        <div ref={setContainer} className="canvas-flow">
          <ReactFlow nodes={[]} edges={[]} aria-describedby="desc">
            <ExecutionOverlay
              overlay={overlay}
              description="Showing execution FN0123: 11 steps"
              descriptionId="desc"
              container={container}
            />
            <Grab />
          </ReactFlow>
        </div>
      );
    }
    act(() =>
      root.render(
        <EditorProvider store={store}>
          <ReactFlowProvider>
            <Canvas />
          </ReactFlowProvider>
        </EditorProvider>,
      ),
    );
    mounted.push(() => {
      act(() => root.unmount());
      host.remove();
    });
    return {
      host,
      show: (overlay: CanvasOverlay | null) => act(() => show(overlay)),
      /** Sets React Flow's zoom, as a zoom gesture's frame does. */
      zoomTo: (zoom: number) => act(() => flowStore?.setState({ transform: [0, 0, zoom] })),
    };
  }

  it('draws inside the viewport, dims the canvas, describes it, and takes all of it away when cleared', () => {
    const { host, show } = mount();
    const svg = host.querySelector('.react-flow__viewport .react-flow__viewport-portal svg.canvas-overlay');
    expect(svg).not.toBeNull();
    expect(svg?.getAttribute('aria-hidden')).toBe('true');
    expect([...(svg?.querySelectorAll('text') ?? [])].map((t) => t.textContent)).toContain('2…10 (5×)');
    const canvas = host.querySelector('.canvas-flow');
    expect(canvas?.classList.contains(DIMMED_CLASS)).toBe(true);
    expect(document.getElementById('desc')?.textContent).toBe('Showing execution FN0123: 11 steps');

    show(null);
    expect(host.querySelector('svg.canvas-overlay')).toBeNull();
    expect(canvas?.classList.contains(DIMMED_CLASS)).toBe(false);
    expect(document.getElementById('desc')).toBeNull();
  });

  it('leaves its texts out while the view zooms, and draws them again for the new zoom once it settles', async () => {
    const { host, zoomTo } = mount();
    const svg = () => host.querySelector('svg.canvas-overlay');
    const rings = () => [...(svg()?.querySelectorAll('path.ov-ring') ?? [])].map((p) => p.outerHTML);
    expect(svg()?.querySelectorAll('text').length).toBeGreaterThan(0);
    expect(svg()?.querySelector('g')?.getAttribute('font-size')).toBe('11');
    const before = rings();
    zoomTo(0.6);
    zoomTo(0.5);
    zoomTo(0.3);
    zoomTo(0.5);
    expect(svg()?.querySelectorAll('text')).toHaveLength(0);
    expect(svg()?.querySelectorAll('path.ov-edge').length).toBeGreaterThan(0);
    // The shapes are not drawn again while it zooms: they keep the scale the zoom began with.
    expect(rings()).toEqual(before);
    await act(() => new Promise((resolve) => setTimeout(resolve, ZOOM_SETTLE_MS + 50)));
    expect(svg()?.querySelectorAll('text').length).toBeGreaterThan(0);
    // Zoom 0.5: twice the size, so as readable on screen as at zoom 1.
    expect(svg()?.querySelector('g')?.getAttribute('font-size')).toBe('22');
  });

  it('keeps the canvas container’s other classes while it dims it', () => {
    const { host, show } = mount();
    const canvas = host.querySelector('.canvas-flow');
    show(null);
    canvas?.classList.add('is-moving');
    show({ ...OVERLAY, focus: 'ask' });
    expect(canvas?.className).toBe(`canvas-flow is-moving ${DIMMED_CLASS}`);
    show(null);
    expect(canvas?.className).toBe('canvas-flow is-moving');
  });
});
