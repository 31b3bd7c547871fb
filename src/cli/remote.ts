/**
 * The account commands of `studio-flow`: `flows`, `pull`, `push` and `validate --remote`. They use the same client
 * as the editor (src/studio/client.ts) with the credentials of the environment, and the same restore boundary for
 * what they read. Pure but for the injected client and file access, so tests run them against the emulator.
 *
 * Where a pulled file came from is remembered beside it: `flow.json` gets `flow.json.studio.json` with the flow's
 * SID and the revision it was pulled at (a Flow or Revision resource file carries both itself). `push` compares
 * that revision with the server's before it updates, and refuses when someone saved or published since, unless
 * `--force`.
 */
import { importFlowText, serializeDefinition, type ParsedFlow } from '../io';
import type { StudioClient } from '../studio/client';
import { StudioError } from '../studio/errors';
import type { StudioFlow } from '../studio/types';
import { validateDefinition } from '../validation';
import { disagreements, studioProblems } from '../validation/studioVerdict';
import type { FlowDefinition, Problem } from '../model/types';

export interface RemoteIo {
  client: StudioClient;
  readText: (file: string) => Promise<string | null>;
  writeText: (file: string, text: string) => Promise<void>;
  out: (s: string) => void;
  err: (s: string) => void;
}

/** The record kept beside a pulled file. */
export interface PullRecord {
  flow_sid: string;
  revision: number;
  friendly_name: string;
  pulled_at: string;
}

export const recordFileOf = (file: string) => `${file}.studio.json`;

const FLOW_SID = /^FW[0-9a-fA-F]{32}$/;

/** A failure worded for the terminal: Studio's errors with their property paths, never a credential. */
function describe(e: unknown): string {
  if (e instanceof StudioError) {
    const lines = [e.message];
    for (const d of e.definitionErrors) lines.push(`  ${d.property_path ?? '#'}: ${d.message}`);
    return lines.join('\n');
  }
  return e instanceof Error ? e.message : String(e);
}

/** Exit code of a failure: 1 when Studio refused the content, 2 for everything that kept it from being asked. */
function codeOf(e: unknown): number {
  return e instanceof StudioError && e.kind === 'bad-request' ? 1 : 2;
}

/** A flow named by SID, or by its exact friendly name when only one flow of the account has it. */
export async function resolveFlow(client: StudioClient, name: string): Promise<StudioFlow> {
  if (FLOW_SID.test(name)) return client.fetchFlow(name);
  const all = await client.all((o) => client.listFlows(o));
  const matches = all.filter((f) => f.friendly_name === name);
  if (matches.length === 1 && matches[0]) return client.fetchFlow(matches[0].sid);
  if (matches.length === 0) throw new Error(`No flow of the account is called “${name}” (give its FW… SID).`);
  throw new Error(
    `${matches.length} flows are called “${name}”: give the SID of one (${matches.map((f) => f.sid).join(', ')}).`,
  );
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export async function flowsCommand(io: RemoteIo, options: { json: boolean }): Promise<number> {
  try {
    const flows = await io.client.all((o) => io.client.listFlows(o));
    if (options.json) {
      io.out(
        JSON.stringify(
          flows.map(({ sid, friendly_name, status, revision, date_updated, date_created }) => ({
            sid,
            friendly_name,
            status,
            revision,
            date_updated: date_updated ?? date_created,
          })),
          null,
          2,
        ),
      );
      return 0;
    }
    if (flows.length === 0) {
      io.out('The account has no flows.');
      return 0;
    }
    io.out(`${pad('SID', 34)}  ${pad('STATUS', 9)}  ${pad('REV', 4)}  ${pad('UPDATED', 20)}  NAME`);
    for (const f of flows)
      io.out(
        `${f.sid}  ${pad(f.status, 9)}  ${pad(String(f.revision), 4)}  ${pad((f.date_updated ?? f.date_created).replace(/\.\d+Z$/, 'Z'), 20)}  ${f.friendly_name}`,
      );
    return 0;
  } catch (e) {
    io.err(`studio-flow flows: ${describe(e)}`);
    return 2;
  }
}

export async function pullCommand(
  io: RemoteIo,
  options: { flow: string; output?: string; revision?: number; now?: () => Date },
): Promise<number> {
  try {
    const flow = await resolveFlow(io.client, options.flow);
    const source =
      options.revision === undefined ? flow : await io.client.fetchRevision(flow.sid, options.revision);
    const text = serializeDefinition(source.definition as FlowDefinition);
    if (options.output === undefined) {
      io.out(text.replace(/\n$/, ''));
      return 0;
    }
    await io.writeText(options.output, text);
    const record: PullRecord = {
      flow_sid: flow.sid,
      revision: source.revision,
      friendly_name: source.friendly_name,
      pulled_at: (options.now?.() ?? new Date()).toISOString(),
    };
    await io.writeText(recordFileOf(options.output), `${JSON.stringify(record, null, 2)}\n`);
    io.err(
      `Pulled “${source.friendly_name}” (${flow.sid}) revision ${source.revision} (${source.status}) into ${options.output}.`,
    );
    return 0;
  } catch (e) {
    io.err(`studio-flow pull: ${describe(e)}`);
    return 2;
  }
}

/** Reads a flow file through the restore boundary (the first entry of a list). */
async function readFlow(io: RemoteIo, file: string): Promise<{ flow: ParsedFlow } | { error: string }> {
  const text = await io.readText(file);
  if (text === null) return { error: `${file}: cannot read the file.` };
  const result = importFlowText(text);
  if (!result.ok) return { error: `${file}: ${result.error.message}` };
  const flow = result.flows[0];
  return flow ? { flow } : { error: `${file}: the list has no entries.` };
}

/** The record beside `file`: undefined when there is none, null when it is not one `pull` or `push` wrote. */
async function readRecord(io: RemoteIo, file: string): Promise<PullRecord | null | undefined> {
  const text = await io.readText(recordFileOf(file));
  if (text === null) return undefined;
  try {
    const value = JSON.parse(text) as Partial<PullRecord> | null;
    return typeof value?.flow_sid === 'string' && typeof value.revision === 'number'
      ? (value as PullRecord)
      : null;
  } catch {
    return null;
  }
}

export async function pushCommand(
  io: RemoteIo,
  options: {
    file: string;
    flow: string;
    publish: boolean;
    message?: string;
    force: boolean;
    now?: () => Date;
  },
): Promise<number> {
  const read = await readFlow(io, options.file);
  if ('error' in read) {
    io.err(`studio-flow push: ${read.error}`);
    return 2;
  }
  const { flow } = read;
  try {
    const server = await resolveFlow(io.client, options.flow);
    const record = await readRecord(io, options.file);
    // The revision the file was pulled (or last pushed) at: its record, else what a resource file says itself.
    const base =
      record?.flow_sid === server.sid
        ? record.revision
        : flow.source.flowSid === server.sid
          ? flow.source.revision
          : undefined;
    if (!options.force) {
      if (base === undefined) {
        const recordFile = recordFileOf(options.file);
        // Said as it is: a record that is missing, unreadable, or of another flow each need a different look.
        const why =
          record === undefined
            ? `no ${recordFile}`
            : record === null
              ? `${recordFile} is not a record studio-flow wrote`
              : `${recordFile} records another flow, ${record.flow_sid}`;
        io.err(
          `studio-flow push: cannot tell which revision of ${server.sid} ${options.file} was pulled at (${why}), so a newer revision on Studio could be overwritten. Pull it with -o, or push with --force.`,
        );
        return 1;
      }
      if (base !== server.revision) {
        io.err(
          `studio-flow push: “${server.friendly_name}” (${server.sid}) is at revision ${server.revision} on Studio, but ${options.file} was pulled at revision ${base}: someone saved or published since. Pull it again and merge (studio-flow diff shows what changed), or push with --force to overwrite.`,
        );
        return 1;
      }
    }
    const saved = await io.client.updateFlow(server.sid, {
      friendlyName: server.friendly_name,
      status: options.publish ? 'published' : 'draft',
      commitMessage: options.message,
      definition: flow.definition,
    });
    // The file now is that revision: the next push checks against it.
    const next: PullRecord = {
      flow_sid: saved.sid,
      revision: saved.revision,
      friendly_name: saved.friendly_name,
      pulled_at: (options.now?.() ?? new Date()).toISOString(),
    };
    await io.writeText(recordFileOf(options.file), `${JSON.stringify(next, null, 2)}\n`);
    io.err(
      `${options.publish ? 'Published' : 'Saved'} ${options.file} to “${saved.friendly_name}” (${saved.sid}) as revision ${saved.revision} (${saved.status}).`,
    );
    if (saved.valid === false)
      io.err('Studio marks the saved draft as not valid: see `studio-flow validate --remote`.');
    return 0;
  } catch (e) {
    io.err(`studio-flow push: ${describe(e)}`);
    return codeOf(e);
  }
}

export interface RemoteVerdict {
  file: string;
  /** Null when Studio could not be asked. */
  valid: boolean | null;
  problems: Problem[];
  /** Where Studio and the offline validator (profile studio) disagree. */
  disagreements: { only: 'studio' | 'offline'; problem: Problem }[];
  error?: string;
}

export async function validateRemoteCommand(
  io: RemoteIo,
  options: { files: readonly string[]; json: boolean },
): Promise<number> {
  const verdicts: RemoteVerdict[] = [];
  for (const file of options.files) {
    const read = await readFlow(io, file);
    if ('error' in read) {
      verdicts.push({ file, valid: null, problems: [], disagreements: [], error: read.error });
      continue;
    }
    const { definition, source } = read.flow;
    const offline = validateDefinition(definition, { profile: 'studio' });
    try {
      const answer = await io.client.validateFlow({
        friendlyName: source.friendlyName ?? file.replace(/^.*[\\/]/, '').replace(/\.json$/i, ''),
        status: 'draft',
        definition,
      });
      verdicts.push({ file, valid: answer.valid, problems: [], disagreements: disagreements([], offline) });
    } catch (e) {
      if (e instanceof StudioError && e.kind === 'bad-request') {
        const problems = studioProblems(definition, e.definitionErrors);
        if (problems.length === 0)
          problems.push({
            severity: 'error',
            code: 'studio.remote',
            message: `Studio: ${e.message}`,
            pointer: '',
          });
        verdicts.push({ file, valid: false, problems, disagreements: disagreements(problems, offline) });
      } else verdicts.push({ file, valid: null, problems: [], disagreements: [], error: describe(e) });
    }
  }
  if (options.json) io.out(JSON.stringify(verdicts, null, 2));
  else
    for (const v of verdicts) {
      if (v.error !== undefined) {
        io.err(`${v.file}: ${v.error}`);
        continue;
      }
      io.out(v.valid ? `${v.file}: Studio accepts it.` : `${v.file}: Studio refuses it:`);
      for (const p of v.problems)
        io.out(
          `  error  ${p.widget ?? '(flow)'}${p.field ? ` › ${p.field}` : ''}  ${p.message}  (#${p.pointer})`,
        );
      for (const d of v.disagreements)
        io.out(
          `  disagreement: ${d.only === 'studio' ? 'only Studio reports' : 'only the offline validator reports'} ${d.problem.widget ?? '(flow)'}: ${d.problem.message}`,
        );
    }
  if (verdicts.some((v) => v.error !== undefined)) return 2;
  return verdicts.some((v) => v.valid === false) ? 1 : 0;
}
