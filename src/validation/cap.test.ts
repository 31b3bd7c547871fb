/** The cap on problems of one code: what is kept, where the summary goes, its severity and wording. */
import { describe, expect, it } from 'vitest';
import type { Severity } from '../model/types';
import { MAX_PROBLEMS_PER_CODE, moreMessage, onWidget, ProblemCap } from './cap';

interface P {
  severity: Severity;
  code: string;
  message: string;
}

function cap(): ProblemCap<P> {
  return new ProblemCap<P>((code, severity, count, listed) => ({
    severity,
    code: 'lint.more',
    message: moreMessage(code, count, listed, 'the flow'),
  }));
}

const p = (code: string, i: number, severity: Severity = 'warning'): P => ({
  severity,
  code,
  message: `${code} ${i}`,
});

describe('ProblemCap', () => {
  it('lists at most 20 problems per code, then one summary where the first dropped one was', () => {
    expect(MAX_PROBLEMS_PER_CODE).toBe(20);
    const c = cap();
    for (let i = 0; i < 25; i++) {
      c.add(p('a', i));
      if (i === 21) c.add(p('b', 0));
    }
    const list = c.finish();
    expect(list.map((x) => x.message)).toEqual([
      ...Array.from({ length: 20 }, (_, i) => `a ${i}`),
      '…and 5 more “a” problems on the flow; only the first 20 are listed',
      'b 0',
    ]);
    expect(list[20]).toMatchObject({ code: 'lint.more', severity: 'warning' });
  });

  it('gives the summary the highest severity among the dropped problems', () => {
    const c = cap();
    for (let i = 0; i < 20; i++) c.add(p('a', i, 'info'));
    c.add(p('a', 20, 'info'));
    c.add(p('a', 21, 'error'));
    c.add(p('a', 22, 'warning'));
    expect(c.finish()[20]).toMatchObject({ severity: 'error', code: 'lint.more' });
  });

  it('counts problems that were never built (drop) and says so in one summary', () => {
    const c = cap();
    for (let i = 0; i < 20; i++) c.add(p('a', i));
    c.drop('a', 'warning', 1_000_000);
    c.add(p('a', 99));
    c.drop('a', 'warning', 0);
    const list = c.finish();
    expect(list).toHaveLength(21);
    expect(list[20]?.message).toBe(
      '…and 1,000,001 more “a” problems on the flow; only the first 20 are listed',
    );
  });

  it('room() tells when a code is full', () => {
    const c = cap();
    for (let i = 0; i < 19; i++) c.add(p('a', i));
    expect(c.room('a')).toBe(true);
    c.add(p('a', 19));
    expect(c.room('a')).toBe(false);
    expect(c.room('b')).toBe(true);
  });

  it('words the summary', () => {
    expect(moreMessage('lint.duplicate-event', 99_979, 20, onWidget('Trigger “Trigger”'))).toBe(
      '…and 99,979 more “lint.duplicate-event” problems on Trigger “Trigger”; only the first 20 are listed',
    );
    expect(moreMessage('x', 1, 20, onWidget('A Send Message widget without a name'))).toBe(
      '…and 1 more “x” problem on a Send Message widget without a name; only the first 20 are listed',
    );
  });
});
