import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXECUTIONS_FIXTURES, fixtureExecutionSid } from '../testing/executions';
import { parseArgs, USAGE } from './args';
import type { ExecutionsJsonOutput } from './executions';
import { runCli } from '../testing/cli';

const cli = runCli;

const fixture = (name: string) => join(EXECUTIONS_FIXTURES, name);

function tmpFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'studio-flow-executions-')), name);
  writeFileSync(file, text);
  return file;
}

/** RFC 4180 records of CRLF-terminated CSV without quoted line breaks (enough for the fixtures). */
function csvRows(text: string): string[][] {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  return text
    .slice(0, -2)
    .split('\r\n')
    .map((line) => line.split(','));
}

/*
 * Hand-computed: mixed-steps.json holds executions 1, 3 and 5, steps-page.json execution 2, executions-page.json
 * the records of executions 4 (active, no steps here) and 3 (ended).
 *   1, 5: Trigger, ask, check, confirm → Ended
 *   2:    Trigger, ask, reminder, ask, check, retry, ask, check, confirm → Ended
 *   3:    Trigger, ask → Ended (deliveryFailure)
 */
const MERGED = ['mixed-steps.json', 'steps-page.json', 'executions-page.json'].map(fixture);

describe('studio-flow executions summarize', () => {
  it('merges several files of different shapes and prints the counts as JSON', async () => {
    const r = await cli('executions', 'summarize', ...MERGED, '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as ExecutionsJsonOutput;
    expect(json.files).toEqual([
      { file: MERGED[0], detected: 'JSON array: 10 steps of 3 executions', notes: [] },
      { file: MERGED[1], detected: 'ListExecutionStep page: 9 steps of 1 execution', notes: [] },
      {
        file: MERGED[2],
        detected: 'ListExecution page: 2 executions',
        notes: [expect.stringMatching(/^This is page 0/)],
      },
    ]);
    expect(json.flow).toBeNull();
    expect(json.totals).toEqual({
      executions: 5,
      withSteps: 4,
      steps: 19,
      active: 1,
      ended: 1,
      failed: 2,
      paths: 3,
    });
    expect(json.widgets).toEqual([
      { widget: 'ask', reached: 4, visits: 6, ended: 1, waiting: 0 },
      { widget: 'Trigger', reached: 4, visits: 4, ended: 0, waiting: 0 },
      { widget: 'check', reached: 3, visits: 4, ended: 0, waiting: 0 },
      { widget: 'confirm', reached: 3, visits: 3, ended: 3, waiting: 0 },
      { widget: 'reminder', reached: 1, visits: 1, ended: 0, waiting: 0 },
      { widget: 'retry', reached: 1, visits: 1, ended: 0, waiting: 0 },
    ]);
    expect(
      json.transitions.map((t) => `${t.from} -${t.event}-> ${t.to}: ${t.count}/${t.executions}`),
    ).toEqual([
      'Trigger -incomingMessage-> ask: 4/4',
      'ask -incomingMessage-> check: 4/3',
      'check -match-> confirm: 3/3',
      'confirm -sent-> Ended: 3/3',
      'ask -deliveryFailure-> Ended: 1/1',
      'ask -timeout-> reminder: 1/1',
      'check -noMatch-> retry: 1/1',
      'reminder -sent-> ask: 1/1',
      'retry -sent-> ask: 1/1',
    ]);
    expect(json.paths.map((p) => [p.count, p.widgets.length, p.example])).toEqual([
      [2, 4, fixtureExecutionSid(1)],
      [1, 9, fixtureExecutionSid(2)],
      [1, 2, fixtureExecutionSid(3)],
    ]);
    expect(json.failures.map((f) => [f.widget, f.event, f.executions, f.endings])).toEqual([
      ['ask', 'deliveryFailure', 1, [{ widget: 'ask', executions: 1 }]],
      ['ask', 'timeout', 1, [{ widget: 'confirm', executions: 1 }]],
      ['check', 'noMatch', 1, [{ widget: 'confirm', executions: 1 }]],
    ]);
    expect(json.mismatch).toBeNull();
    // The partial page is said on stderr.
    expect(r.err).toBe(
      `studio-flow executions: ${MERGED[2]}: This is page 0 of a longer ListExecution list (meta.next_page_url is set): only its executions are read; add the following pages for complete counts.\n`,
    );
  });

  it('prints Markdown by default', async () => {
    const r = await cli('executions', 'summarize', fixture('cli-steps.json'), fixture('cli-executions.json'));
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('## Executions summary');
    expect(r.out).toContain(
      '**5 executions** (1 active, 4 ended), 22 steps, 4 distinct paths, 3 executions with a failure-like event.',
    );
    expect(r.out).toContain('| `ask` | 5 | 8 | 1 | 1 |');
    expect(r.out).toContain('| `ask` | `incomingMessage` | `check` | 4 | 3 |');
    expect(r.out).toContain('| 1 | 2 | `Trigger` → `ask` → `check` → `confirm` → `Ended` |');
    expect(r.out).not.toContain('Not in the flow definition');
    expect(r.out.endsWith('|\n')).toBe(true);
  });

  it('prints one CSV table with CRLF records', async () => {
    const r = await cli(
      'executions',
      'summarize',
      fixture('cli-steps.json'),
      fixture('cli-executions.json'),
      '--format=csv',
    );
    expect(r.code).toBe(0);
    const rows = csvRows(r.out);
    expect(rows[0]).toEqual([
      'kind',
      'widget',
      'event',
      'to',
      'count',
      'executions',
      'reached',
      'visits',
      'ended',
      'waiting',
      'detail',
    ]);
    expect(rows.filter((row) => row[0] === 'total').map((row) => [row[10], row[4]])).toEqual([
      ['executions', '5'],
      ['executions-with-steps', '5'],
      ['steps', '22'],
      ['active', '1'],
      ['ended', '4'],
      ['failed', '3'],
      ['paths', '4'],
    ]);
    expect(rows.find((row) => row[0] === 'widget' && row[1] === 'confirm')).toEqual([
      'widget',
      'confirm',
      '',
      '',
      '',
      '',
      '3',
      '3',
      '3',
      '0',
      '',
    ]);
    expect(rows.filter((row) => row[0] === 'failure').map((row) => row.slice(1, 6))).toEqual([
      ['ask', 'timeout', '', '2', '2'],
      ['ask', 'deliveryFailure', '', '1', '1'],
      ['check', 'noMatch', '', '1', '1'],
    ]);
  });

  it('checks the steps against --flow and says when they ran on another revision', async () => {
    const same = await cli(
      'executions',
      'summarize',
      fixture('cli-steps.json'),
      '--flow',
      fixture('flow.json'),
      '--format',
      'json',
    );
    expect(same.code).toBe(0);
    expect(same.err).toBe('');
    const sameJson = JSON.parse(same.out) as ExecutionsJsonOutput;
    expect(sameJson.flow).toEqual({ file: fixture('flow.json'), detected: 'Flow definition' });
    expect(sameJson.mismatch).toMatchObject({ executions: 0, likelyOtherRevision: false });

    const other = fixture('flow-other-revision.json');
    const r = await cli('executions', 'summarize', fixture('cli-steps.json'), '--flow', other);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      `studio-flow executions: 2 executions did what ${other} does not have: they most likely ran on another revision of the flow.\n`,
    );
    expect(r.out).toContain('### Not in the flow definition');
    expect(r.out).toContain('| `reminder` | 4 | 2 |');
    expect(r.out).toContain('| `check` | `noMatch` | `retry` | 1 | 1 | leads to `ask` |');
    expect(r.out).toContain(`- \`${other}\`: \`Flow definition (--flow)\``);
  });

  it('exits with 2 and the located error when a file cannot be read', async () => {
    const broken = tmpFile('broken.json', '[\n  {"sid": "FT1",\n   "name" "sent"}\n]\n');
    const r = await cli('executions', 'summarize', fixture('cli-steps.json'), broken);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      new RegExp(`^studio-flow executions: ${broken}: This is not valid JSON: .*\\(line 3, column 11\\)`),
    );

    const page = tmpFile(
      'page.json',
      JSON.stringify({
        steps: [
          {
            sid: 'FT1',
            execution_sid: 'FN1',
            name: 'sent',
            transitioned_from: 'a',
            date_created: '2024-01-01T00:00:00Z',
          },
        ],
      }),
    );
    const shape = await cli('executions', 'summarize', page);
    expect(shape.code).toBe(2);
    expect(shape.err).toBe(`studio-flow executions: ${page}: Step 1 (/steps/0) has no transitioned_to.\n`);

    const missing = await cli('executions', 'summarize', join(tmpdir(), 'no-such-file-here.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no-such-file-here.json: No such file.');
  });

  it('tells a flow given as steps to go to --flow, and refuses an unreadable --flow', async () => {
    const r = await cli('executions', 'summarize', fixture('flow.json'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `studio-flow executions: ${fixture('flow.json')}: This is a flow definition, not executions: open it as a flow. Give the flow with --flow FILE.\n`,
    );
    const notFlow = await cli(
      'executions',
      'summarize',
      fixture('cli-steps.json'),
      '--flow',
      fixture('step.json'),
    );
    expect(notFlow.code).toBe(2);
    expect(notFlow.out).toBe('');
    expect(notFlow.err).toContain(`studio-flow executions: ${fixture('step.json')}: `);
  });

  it('says when the files hold no steps', async () => {
    const r = await cli('executions', 'summarize', fixture('cli-executions.json'), '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.err).toContain('the files hold no steps');
    expect((JSON.parse(r.out) as ExecutionsJsonOutput).totals).toMatchObject({
      executions: 5,
      withSteps: 0,
      steps: 0,
    });
  });
});

describe('parseArgs: executions', () => {
  it('reads the subcommand, the files and the options', () => {
    expect(parseArgs(['executions', 'summarize', 'a.json', 'b.json'])).toEqual({
      command: 'executions-summarize',
      files: ['a.json', 'b.json'],
      format: 'md',
    });
    expect(parseArgs(['executions', 'summarize', '--flow', 'f.json', 'a.json', '--format=csv'])).toEqual({
      command: 'executions-summarize',
      files: ['a.json'],
      flow: 'f.json',
      format: 'csv',
    });
  });

  it('refuses what it cannot do, in words, with exit code 2 and the usage', async () => {
    expect(() => parseArgs(['executions'])).toThrow('executions needs a subcommand: summarize.');
    expect(() => parseArgs(['executions', 'list', 'a'])).toThrow(
      'Unknown executions subcommand “list”: use summarize.',
    );
    expect(() => parseArgs(['executions', 'summarize'])).toThrow(
      'executions summarize needs at least one STEPS file.',
    );
    expect(() => parseArgs(['executions', 'summarize', 'a', '--format', 'html'])).toThrow(
      '--format must be “md”, “json” or “csv”.',
    );
    expect(() => parseArgs(['executions', 'summarize', 'a', '--json'])).toThrow(
      'Unknown option --json for executions.',
    );
    expect(() => parseArgs(['executions', 'summarize', 'a', '--flow'])).toThrow('--flow needs a value.');
    const r = await cli('executions', 'summarise', 'a');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown executions subcommand “summarise”');
    expect(r.err).toContain(USAGE);
    expect(USAGE).toContain('studio-flow executions summarize STEPS... [--flow FILE] [--format md|json|csv]');
  });
});
