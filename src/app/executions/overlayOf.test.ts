import { describe, expect, it } from 'vitest';
import { executionPath, readExecutionsText, summarizeExecutions } from '../../executions';
import { heatOverlay, pathOverlay } from './overlayOf';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The e2e fixtures (the vaccine standby flow: OptIn loops back to Welcome). */
function fixture(name: string) {
  const text = readFileSync(
    fileURLToPath(new URL(`../../../e2e/fixtures/executions/${name}`, import.meta.url)),
    'utf8',
  );
  const read = readExecutionsText(text);
  if (!read.ok) throw new Error(read.error.message);
  return read;
}

describe('what the canvas draws of executions', () => {
  it('a path: every visit numbered, where it ended, the transitions taken, the current step emphasised', () => {
    const { steps } = fixture('steps-one-execution.json');
    const path = executionPath(steps);
    const first = pathOverlay(path, 0);
    expect(first.kind).toBe('path');
    expect(first.widgets).toEqual({
      Trigger: { badges: ['1'], mark: 'visited' },
      Welcome: { badges: ['2', '4'], mark: 'visited' },
      OptIn: { badges: ['3', '5'], mark: 'visited' },
      Name: { badges: ['6'], mark: 'ended' },
    });
    // "Ended" is no widget: the timeout that ended it is not drawn as a connection.
    expect(first.edges.map((e) => [e.from, e.event, e.to, e.label, e.current])).toEqual([
      ['Trigger', 'incomingMessage', 'Welcome', 'incomingMessage', true],
      ['Welcome', 'incomingMessage', 'OptIn', 'incomingMessage ×2', false],
      ['OptIn', 'noMatch', 'Welcome', 'noMatch', false],
      ['OptIn', 'match', 'Name', 'match', false],
    ]);
    expect(first.focus).toBe('Welcome');
    const last = pathOverlay(path, 5);
    // The last step went to Ended: the focus is the widget it left.
    expect(last.focus).toBe('Name');
    expect(last.edges.some((e) => e.current)).toBe(false);
    expect(pathOverlay(path, 99).focus).toBe('Name');
  });

  it('an active execution waits where it is', () => {
    const { steps } = fixture('steps-one-execution.json');
    const firstTwo = executionPath(steps)
      .steps.slice(0, 2)
      .map((s) => s.step);
    const path = executionPath(firstTwo, undefined, {
      sid: steps[0]?.executionSid ?? '',
      status: 'active',
    });
    expect(pathOverlay(path, 0).widgets.OptIn?.mark).toBe('waiting');
  });

  it('a heat map: executions reaching each widget, where they ended, transitions weighted by use', () => {
    const { steps } = fixture('steps-cli-three-executions.json');
    const overlay = heatOverlay(summarizeExecutions(steps));
    expect(overlay.kind).toBe('heat');
    expect(overlay.widgets.Welcome).toMatchObject({
      badges: ['3'],
      mark: 'ended',
      weight: 1,
      title: '1 ended',
    });
    expect(overlay.widgets.OptIn).toMatchObject({ badges: ['2'], mark: 'reached' });
    expect(overlay.widgets.Age).toMatchObject({ badges: ['1'], mark: 'ended' });
    const edge = (from: string, event: string) =>
      overlay.edges.find((e) => e.from === from && e.event === event);
    expect(edge('Welcome', 'incomingMessage')).toMatchObject({ to: 'OptIn', label: '3', weight: 1 });
    expect(edge('OptIn', 'noMatch')).toMatchObject({ label: '1', weight: 1 / 3 });
    expect(overlay.edges.some((e) => e.to === 'Ended')).toBe(false);
  });
});
