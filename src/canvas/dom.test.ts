import { afterEach, describe, expect, it, vi } from 'vitest';
import { motionDuration } from './dom';

describe('motionDuration', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('keeps the animation when the user did not ask for reduced motion', () => {
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: false, media: query }));
    expect(motionDuration(250)).toBe(250);
  });

  it('jumps (0 ms) when the system asks for reduced motion', () => {
    const queries: string[] = [];
    vi.stubGlobal('matchMedia', (query: string) => {
      queries.push(query);
      return { matches: query === '(prefers-reduced-motion: reduce)', media: query };
    });
    expect(motionDuration(250)).toBe(0);
    expect(queries).toEqual(['(prefers-reduced-motion: reduce)']);
  });

  it('animates where there is no matchMedia (Node)', () => {
    vi.stubGlobal('matchMedia', undefined);
    expect(motionDuration(120)).toBe(120);
  });
});
