import { describe, expect, it } from 'vitest';
import type { Problem } from '../model/types';
import { formatCounts, summarizeProblems } from './problemSummary';

const problems: Problem[] = [
  { severity: 'error', code: 'lint.dangling-next', message: 'a', widget: 'Goodbye', pointer: '/states/1' },
  { severity: 'warning', code: 'lint.unreachable', message: 'b', widget: 'Goodbye', pointer: '/states/1' },
  { severity: 'warning', code: 'lint.unreachable', message: 'c', widget: 'Other', pointer: '/states/2' },
  { severity: 'info', code: 'flow.note', message: 'd', pointer: '' },
];

describe('summarizeProblems', () => {
  it('counts per severity and per widget', () => {
    const summary = summarizeProblems(problems);
    expect(summary.total).toEqual({ error: 1, warning: 2, info: 1 });
    expect(summary.byWidget.get('Goodbye')).toEqual({ error: 1, warning: 1, info: 0 });
    expect(summary.byWidget.get('Other')).toEqual({ error: 0, warning: 1, info: 0 });
    expect(summary.byWidget.has('Trigger')).toBe(false);
    expect(summary.flowLevel).toBe(1);
  });

  it('returns the same object for the same array, so selectors stay stable', () => {
    expect(summarizeProblems(problems)).toBe(summarizeProblems(problems));
    expect(summarizeProblems([...problems])).not.toBe(summarizeProblems(problems));
  });
});

describe('formatCounts', () => {
  it('writes counts as words and leaves zeros out', () => {
    expect(formatCounts({ error: 1, warning: 3, info: 0 })).toBe('1 error, 3 warnings');
    expect(formatCounts({ error: 2, warning: 0, info: 1 })).toBe('2 errors, 1 info');
    expect(formatCounts({ error: 0, warning: 0, info: 0 })).toBe('none');
  });
});
