import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { corpusFile, CORPUS_DIR, LEGACY_FILE } from '../testing/corpus';
import { moveWidgets, renameWidget, setWidgetProperty } from '../model/commands';
import type { FlowDefinition } from '../model/types';
import { parseArgs } from './args';
import { diffFiles, type DiffJsonOutput } from './commands';
import { streamWriter } from './main';
import { runCli } from '../testing/cli';

const exec = promisify(execFile);
const BIN = new URL('../../bin/studio-flow.mjs', import.meta.url).pathname;
const DANGLING = 'real/ft__vaccine-standby-list__sms-studio-flow.json';
const CLEAN = 'real/twilio-docs__simple-flow-definition.json';

const cli = runCli;

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'studio-flow-'));
}

interface JsonReport {
  file: string;
  detected: string | null;
  problems: {
    severity: string;
    code: string;
    message: string;
    widget: string | null;
    pointer: string;
    line?: number;
    column?: number;
  }[];
}

describe('studio-flow validate', () => {
  it('passes a clean flow with exit code 0', async () => {
    const r = await cli('validate', join(CORPUS_DIR, CLEAN));
    expect(r.code).toBe(0);
    expect(r.out).toContain('Flow definition');
    expect(r.out).toMatch(/✓ 0 errors/);
  });

  it('reports the dangling transition with exit code 1, in text and JSON', async () => {
    const file = join(CORPUS_DIR, DANGLING);
    const text = await cli('validate', file);
    expect(text.code).toBe(1);
    expect(text.out).toContain('SaveToAirtable');
    const json = await cli('validate', file, '--json');
    expect(json.code).toBe(1);
    const reports = JSON.parse(json.out) as JsonReport[];
    expect(reports).toHaveLength(1);
    const errors = reports[0]?.problems.filter((p) => p.severity === 'error') ?? [];
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ widget: 'Goodbye' });
    expect(errors[0]?.message).toContain('SaveToAirtable');
    expect(Object.keys(errors[0] ?? {})).toEqual(['severity', 'code', 'message', 'widget', 'pointer']);
  });

  it('gives JSON syntax errors a line and column, named in the message', async () => {
    const dir = tmp();
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "states": [\n    {"name": "Trigger"}\n    {"name": "x"}\n  ]\n}\n');
    const r = await cli('validate', file, '--json');
    expect(r.code).toBe(1);
    const [report] = JSON.parse(r.out) as JsonReport[];
    const p = report?.problems[0];
    expect(p).toMatchObject({ severity: 'error', line: 4, column: 5 });
    expect(p?.message).toMatch(/line 4, column 5/);
  });

  it('explains the legacy pre-2019 format in one error', async () => {
    const r = await cli('validate', join(CORPUS_DIR, LEGACY_FILE), '--json');
    const [report] = JSON.parse(r.out) as JsonReport[];
    expect(report?.problems).toHaveLength(1);
    expect(report?.problems[0]?.code).toBe('import.legacy-format');
    expect(r.code).toBe(1);
  });

  it('checks the official schemas exactly as published with --profile official', async () => {
    const file = join(CORPUS_DIR, 'real/apaleo__studio_flow.json');
    expect((await cli('validate', file)).code).toBe(0);
    const official = await cli('validate', file, '--profile', 'official', '--json');
    expect(official.code).toBe(1);
    const [report] = JSON.parse(official.out) as JsonReport[];
    expect(report?.problems.some((p) => p.message.includes('incomingConversationMessage'))).toBe(true);
  });

  it('validates every entry of a revision list and reads Flow resources', async () => {
    const def = JSON.parse(corpusFile(CLEAN).text) as unknown;
    const dir = tmp();
    const file = join(dir, 'revisions.json');
    writeFileSync(
      file,
      JSON.stringify({
        revisions: [1, 2].map((revision) => ({
          sid: 'FW' + '0'.repeat(32),
          friendly_name: 'Demo',
          revision,
          status: 'published',
          definition: def,
          url: `https://studio.twilio.com/v2/Flows/FW${'0'.repeat(32)}/Revisions/${revision}`,
        })),
        meta: { page: 0 },
      }),
    );
    const r = await cli('validate', file, '--json');
    const reports = JSON.parse(r.out) as JsonReport[];
    expect(reports.map((x) => x.detected)).toEqual([expect.stringMatching(/2/), expect.stringMatching(/1/)]);
    expect(r.code).toBe(0);
  });

  it('reports unreadable files without stopping the others', async () => {
    const r = await cli('validate', '/nonexistent/flow.json', join(CORPUS_DIR, CLEAN), '--json');
    const reports = JSON.parse(r.out) as JsonReport[];
    expect(reports[0]?.problems[0]).toMatchObject({ code: 'io.read', message: 'No such file.' });
    expect(reports[1]?.problems).toEqual([]);
    expect(r.code).toBe(1);
  });
});

describe('studio-flow validate on hostile input', () => {
  /** A clean flow whose Trigger has `n` more copies of its first transition (n duplicate-event warnings). */
  function duplicates(n: number): string {
    const def = JSON.parse(corpusFile(CLEAN).text) as FlowDefinition;
    const [first, ...rest] = def.states;
    const own = first?.transitions ?? [];
    const trigger = { ...first, transitions: [...own, ...Array.from({ length: n }, () => own[0])] };
    const file = join(tmp(), `duplicates-${n}.json`);
    writeFileSync(file, JSON.stringify({ ...def, states: [trigger, ...rest] }));
    return file;
  }

  it('prints the capped list, the same in text and JSON: 20 problems of a kind, then how many more', async () => {
    const file = duplicates(100);
    const json = await cli('validate', file, '--json');
    const [report] = JSON.parse(json.out) as JsonReport[];
    const problems = report?.problems ?? [];
    expect(problems.map((p) => p.code)).toEqual([
      ...Array<string>(20).fill('lint.duplicate-event'),
      'lint.more',
    ]);
    expect(problems[20]).toMatchObject({ severity: 'warning', widget: 'Trigger', pointer: '/states/0' });
    expect(problems[20]?.message).toMatch(
      /^…and 80 more “lint\.duplicate-event” problems on Trigger “Trigger”/,
    );
    const text = await cli('validate', file);
    expect(text.out).toContain(problems[20]?.message ?? '?');
    expect(text.out).toContain('0 errors, 21 warnings');
  });

  it('reads files as bytes through the restore boundary: UTF-16 decoded with a note, invalid UTF-8 located', async () => {
    const dir = tmp();
    const text = corpusFile(CLEAN).text;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    writeFileSync(join(dir, 'utf16.json'), utf16);
    const ok = await cli('validate', join(dir, 'utf16.json'), '--json');
    expect(ok.code).toBe(0);
    const [report] = JSON.parse(ok.out) as JsonReport[];
    expect(report?.problems).toEqual([
      expect.objectContaining({
        severity: 'info',
        code: 'input.encoding',
        message: expect.stringContaining('UTF-16LE') as unknown,
      }),
    ]);
    const exported = await cli('export', join(dir, 'utf16.json'));
    expect(exported.out).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);

    const latin1 = Buffer.concat([
      Buffer.from('{\n  "description": "Caf'),
      Buffer.from([0xe9]),
      Buffer.from('", "states": []\n}'),
    ]);
    writeFileSync(join(dir, 'latin1.json'), latin1);
    const bad = await cli('validate', join(dir, 'latin1.json'), '--json');
    expect(bad.code).toBe(1);
    expect((JSON.parse(bad.out) as JsonReport[])[0]?.problems[0]).toMatchObject({
      severity: 'error',
      code: 'import.encoding',
      line: 2,
      column: 22,
    });
    const refused = await cli('export', join(dir, 'latin1.json'));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('not valid UTF-8: the byte 0xE9 at line 2, column 22');
  });

  it('says where a number was changed by reading it, and reports a number JSON cannot hold as an error', async () => {
    const dir = tmp();
    const text = corpusFile(CLEAN).text.replace(
      '"body": "',
      '"ticket": 12345678901234567890, "timeout": 1e400, "body": "',
    );
    expect(text).toContain('1e400');
    writeFileSync(join(dir, 'numbers.json'), text);
    const result = await cli('validate', join(dir, 'numbers.json'), '--json');
    expect(result.code).toBe(1);
    const problems = (JSON.parse(result.out) as JsonReport[])[0]?.problems ?? [];
    expect(problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        code: 'value.non-finite',
        pointer: expect.stringMatching(/\/properties\/timeout$/) as unknown,
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        code: 'input.number-precision',
        widget: 'send_message_1',
        message: expect.stringContaining('read as 12345678901234567000') as unknown,
      }),
    );
  });

  it('refuses a flow over the editor’s widget limit at once, in the same words as the editor', async () => {
    const dir = tmp();
    const states = Array.from({ length: 10_001 }, (_, i) => ({
      name: `w${i}`,
      type: 'send-message',
      transitions: [],
      properties: {},
    }));
    writeFileSync(join(dir, 'huge.json'), JSON.stringify({ states }));
    const result = await cli('validate', join(dir, 'huge.json'), '--json');
    expect(result.code).toBe(1);
    const problems = (JSON.parse(result.out) as JsonReport[])[0]?.problems ?? [];
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'import.too-large' });
    expect(problems[0]?.message).toContain('The flow has 10,001 widgets; at most 2,000 are allowed');
  });

  it('exits quietly, with its usual code, when the reader of its output goes away (| head)', async () => {
    /** Runs the command, closes its stdout after the first chunk, and returns its exit code and stderr. */
    const closeEarly = (args: string[]): Promise<{ code: number | null; err: string }> =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.stdout.once('data', () => child.stdout.destroy());
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, err }));
      });
    // Several MB in one write, and many reports: both outlive a 64 KB pipe buffer.
    const big = duplicates(100_000);
    expect(await closeEarly(['export', big])).toEqual({ code: 0, err: '' });
    const small = duplicates(50);
    expect(await closeEarly(['validate', '--json', ...Array<string>(60).fill(small)])).toEqual({
      code: 0,
      err: '',
    });
  }, 60_000);

  it('streamWriter stops writing to a stream after its first error, without throwing', async () => {
    let writes = 0;
    const closed = new Writable({
      write(_chunk, _encoding, callback) {
        writes++;
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const out = streamWriter(closed);
    out('first');
    await new Promise((resolve) => setImmediate(resolve));
    out('second');
    out('third');
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toBe(1);
  });
});

describe('studio-flow export', () => {
  it('prints a single file exactly as the editor exports it', async () => {
    const raw = corpusFile(DANGLING).text;
    const r = await cli('export', join(CORPUS_DIR, DANGLING));
    expect(r.code).toBe(0);
    expect(r.out).toBe(raw.endsWith('\n') ? raw : raw + '\n');
  });

  it('unwraps a Flow resource and writes many files into --out-dir, canonically when asked', async () => {
    const dir = tmp();
    const def = JSON.parse(corpusFile(CLEAN).text) as Record<string, unknown>;
    const flowFile = join(dir, 'flow.json');
    writeFileSync(
      flowFile,
      JSON.stringify({
        sid: 'FW' + '1'.repeat(32),
        friendly_name: 'Demo',
        status: 'draft',
        revision: 3,
        definition: JSON.stringify(def),
        webhook_url: 'https://webhooks.twilio.com/x',
      }),
    );
    const out = join(dir, 'out');
    mkdirSync(out);
    const r = await cli('export', flowFile, join(CORPUS_DIR, CLEAN), '--canonical', '--out-dir', out);
    expect(r.code).toBe(0);
    const exported = JSON.parse(readFileSync(join(out, 'flow.json'), 'utf8')) as Record<string, unknown>;
    expect(exported).toEqual(def);
    expect(Object.keys(exported)).toEqual(['description', 'states', 'initial_state', 'flags']);
    expect(readFileSync(join(out, 'twilio-docs__simple-flow-definition.json'), 'utf8')).toContain(
      '"initial_state"',
    );
  });

  it('refuses several files without --out-dir', async () => {
    const r = await cli('export', 'a.json', 'b.json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--out-dir');
  });
});

describe('studio-flow diff', () => {
  const APALEO = 'real/apaleo__studio_flow.json';

  /** Writes the apaleo flow, edited by `edit`, into a temporary file. */
  function editedFile(edit: (def: FlowDefinition) => FlowDefinition, name = 'changed.json'): string {
    const file = join(tmp(), name);
    writeFileSync(file, JSON.stringify(edit(JSON.parse(corpusFile(APALEO).text) as FlowDefinition), null, 2));
    return file;
  }

  it('exits with 0 and says so when nothing changed', async () => {
    const file = join(CORPUS_DIR, APALEO);
    const r = await cli(
      'diff',
      file,
      editedFile((d) => d),
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('No changes.');
    expect(r.err).toBe('');
  });

  it('prints a Markdown summary and exits with 1 when something changed', async () => {
    const changed = editedFile((d) => {
      const r = renameWidget(d, 'connect_with_agent', 'agent_handoff');
      if (!r.ok) throw new Error(r.reason);
      return setWidgetProperty(r.def, 'greeting', 'timeout', '60');
    });
    const base = join(CORPUS_DIR, APALEO);
    const r = await cli('diff', base, changed);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`## Flow changes: \`${base}\` → \`${changed}\``);
    expect(r.out).toContain('**1 renamed, 1 changed**');
    expect(r.out).toContain('- `connect_with_agent` → `agent_handoff` (`send-message`)');
    expect(r.out).toContain('| `/properties/timeout` | `"3600"` | `"60"` |');
  });

  it('prints the JSON report with --format json', async () => {
    const changed = editedFile((d) => setWidgetProperty(d, 'greeting', 'timeout', '60'));
    const r = await cli('diff', join(CORPUS_DIR, APALEO), changed, '--format', 'json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as DiffJsonOutput;
    expect(json.base).toEqual({ file: join(CORPUS_DIR, APALEO), detected: 'Flow definition' });
    expect(json.changed.file).toBe(changed);
    expect(json.summary.counts.changed).toBe(1);
    expect(json.changes).toEqual([
      {
        kind: 'changed',
        kinds: ['changed'],
        widget: { base: 'greeting', changed: 'greeting' },
        type: 'send-and-wait-for-reply',
        paths: [{ path: '/properties/timeout', before: '3600', after: '60' }],
        transitions: [],
      },
    ]);
  });

  it('counts layout-only differences as no change unless --include-layout', async () => {
    const moved = editedFile((d) => moveWidgets(d, new Map([['greeting', { x: 1, y: 1 }]])));
    const base = join(CORPUS_DIR, APALEO);
    const hidden = await cli('diff', base, moved);
    expect(hidden.code).toBe(0);
    expect(hidden.out).toContain('Only layout changes (1 widget moved).');
    const shown = await cli('diff', base, moved, '--include-layout');
    expect(shown.code).toBe(1);
    expect(shown.out).toContain('### Moved (1)');
    const json = await cli('diff', base, moved, '--include-layout', '--format=json');
    expect((JSON.parse(json.out) as DiffJsonOutput).changes[0]).toMatchObject({ kind: 'moved', offset: {} });
  });

  it('compares the newest entry of a revision list, and says so', async () => {
    const def = JSON.parse(corpusFile(APALEO).text) as FlowDefinition;
    const newer = setWidgetProperty(def, 'greeting', 'timeout', '60');
    const file = join(tmp(), 'revisions.json');
    writeFileSync(
      file,
      JSON.stringify({
        revisions: [
          { sid: 'FW' + '0'.repeat(32), revision: 1, status: 'published', definition: def },
          { sid: 'FW' + '0'.repeat(32), revision: 2, status: 'draft', definition: newer },
        ],
        meta: { page: 0 },
      }),
    );
    const r = await cli('diff', join(CORPUS_DIR, APALEO), file, '--format', 'json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/revisions\.json: .*compared the first entry \(Revision 2 /);
    expect((JSON.parse(r.out) as DiffJsonOutput).changes).toHaveLength(1);
  });

  it('names the file, and the line and column, when a file cannot be read or imported (exit code 2)', async () => {
    const broken = join(tmp(), 'broken.json');
    writeFileSync(broken, '{\n  "states": [\n    {"name": "Trigger"}\n    {"name": "x"}\n  ]\n}\n');
    const r = await cli('diff', broken, '/nonexistent/flow.json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`${broken}: This is not valid JSON`);
    expect(r.err).toMatch(/line 4, column 5/);
    expect(r.err).toContain('/nonexistent/flow.json: No such file.');
    const legacy = await cli('diff', join(CORPUS_DIR, LEGACY_FILE), join(CORPUS_DIR, APALEO));
    expect(legacy.code).toBe(2);
    expect(legacy.err).toContain('legacy pre-2019');
  });

  it('runs diffFiles without a file system', () => {
    const text = corpusFile(APALEO).text;
    const r = diffFiles({ file: 'a', text }, { file: 'b', text }, { format: 'md', includeLayout: false });
    expect(r).toMatchObject({ code: 0, errors: [], notes: [] });
    expect(r.output).toBe('## Flow changes: `a` → `b`\n\nNo changes.');
  });
});

describe('argument parsing', () => {
  it('rejects unknown commands, options and profiles with a reason', () => {
    expect(() => parseArgs(['lint', 'x'])).toThrow(/Unknown command/);
    expect(() => parseArgs(['validate', 'x', '--fast'])).toThrow(/Unknown option --fast/);
    expect(() => parseArgs(['validate', 'x', '--profile', 'strict'])).toThrow(/studio.*official/);
    expect(() => parseArgs(['validate'])).toThrow(/at least one FILE/);
    expect(() => parseArgs(['diff', 'a'])).toThrow(/two files/);
    expect(() => parseArgs(['diff', 'a', 'b', 'c'])).toThrow(/two files/);
    expect(() => parseArgs(['diff', 'a', 'b', '--format', 'html'])).toThrow(/md.*json/);
    expect(() => parseArgs(['diff', 'a', 'b', '--json'])).toThrow(/Unknown option --json/);
    expect(parseArgs(['diff', 'a', 'b'])).toEqual({
      command: 'diff',
      base: 'a',
      changed: 'b',
      format: 'md',
      includeLayout: false,
    });
    expect(parseArgs(['diff', '--include-layout', 'a', '--format=json', 'b'])).toMatchObject({
      format: 'json',
      includeLayout: true,
    });
    expect(parseArgs(['validate', 'a', '--profile=official', '--json'])).toEqual({
      command: 'validate',
      files: ['a'],
      profile: 'official',
      json: true,
    });
  });
});

describe('the installed command', () => {
  it('runs through bin/studio-flow.mjs with no build step and sets the exit code', async () => {
    const ok = await exec(process.execPath, [BIN, 'validate', join(CORPUS_DIR, CLEAN)]);
    expect(ok.stdout).toContain('0 errors');
    await expect(exec(process.execPath, [BIN, 'validate', join(CORPUS_DIR, DANGLING)])).rejects.toMatchObject(
      { code: 1 },
    );
    const same = await exec(process.execPath, [
      BIN,
      'diff',
      join(CORPUS_DIR, CLEAN),
      join(CORPUS_DIR, CLEAN),
    ]);
    expect(same.stdout).toContain('No changes.');
    await expect(
      exec(process.execPath, [BIN, 'diff', join(CORPUS_DIR, CLEAN), join(CORPUS_DIR, DANGLING)]),
    ).rejects.toMatchObject({ code: 1 });
  }, 30_000);
});
