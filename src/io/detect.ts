/**
 * What did the user give us? A bare definition, or a definition wrapped in one of the shapes the Studio v2 API and
 * the Twilio CLI produce: a Flow resource (FetchFlow/CreateFlow/UpdateFlow), a FlowRevision, a ListFlow or
 * ListFlowRevision page, or the CLI's `-o json` output (an array of resources with camelCase keys).
 *
 * Detection only finds where the definitions are and collects the metadata around them; it neither parses
 * definitions given as strings nor checks their shape (import.ts does both).
 */

import { describeType, isObject, own, type UnknownObject as Obj } from '../model/object';

/** What the enclosing resource was. */
export type SourceKind = 'definition' | 'flow' | 'revision' | 'flow-list' | 'revision-list';

/** Where an imported definition came from, for the UI to show and to prefill "save back" commands. */
export interface FlowSourceInfo {
  kind: SourceKind;
  flowSid?: string;
  friendlyName?: string;
  revision?: number;
  status?: string;
  commitMessage?: string;
  dateCreated?: string;
  dateUpdated?: string;
  /** Came from Twilio CLI / helper-library JSON output (camelCase keys, or a top-level array). */
  fromCli?: boolean;
  /** The definition was given as a JSON string inside the resource. */
  definitionWasString?: boolean;
  /** Human summary, e.g. `Flow “IVR” (FW3d6f4b83…), revision 7, draft` or `Flow definition`. */
  label: string;
}

/** Why an input could not be imported. */
export interface ImportError {
  /** Stable machine-readable code, e.g. `json-syntax`, `legacy-format`, `shape`, `no-definition`. */
  code: string;
  /** One or two sentences a Studio user understands. */
  message: string;
  /** 1-based position in the imported text, for JSON syntax errors. */
  line?: number;
  column?: number;
  /** RFC 6901 pointer into the imported JSON value. */
  pointer?: string;
}

/** One definition found in the input, not yet parsed (it may be a string) nor shape-checked. */
export interface DetectedEntry {
  /** Pointer to the `definition` member (or `''` for a bare definition). */
  pointer: string;
  /** The raw definition value: normally an object, possibly a JSON string. */
  definition: unknown;
  source: FlowSourceInfo;
}

export type Detection =
  | {
      ok: true;
      kind: SourceKind;
      label: string;
      entries: DetectedEntry[];
    }
  | { ok: false; error: ImportError };

/** The snake_case key of the REST API or the camelCase key of the CLI and helper libraries. */
function field(obj: Obj, snake: string): unknown {
  const value = own(obj, snake);
  if (value !== undefined) return value;
  const camel = snake.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
  return camel === snake ? undefined : own(obj, camel);
}

const CAMEL_KEYS = [
  'friendlyName',
  'commitMessage',
  'dateCreated',
  'dateUpdated',
  'accountSid',
  'webhookUrl',
];

/** Shorten a SID for labels: `FW3d6f4b83…`. */
function shortSid(sid: string): string {
  return sid.length > 14 ? `${sid.slice(0, 10)}…` : sid;
}

/** Names can be anything the user typed, of any length; labels stay one line. */
function shortText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

export { describeType };

function isBareDefinition(v: Obj): boolean {
  return Object.hasOwn(v, 'states') || Object.hasOwn(v, 'initial_state');
}

/** Has the definition member (even if null: the resource is recognised, the definition is just missing). */
function hasDefinitionKey(v: Obj): boolean {
  return Object.hasOwn(v, 'definition');
}

/** Looks like a Flow or FlowRevision resource, with or without its definition. */
function isResource(v: Obj): boolean {
  if (hasDefinitionKey(v)) return true;
  const sid = own(v, 'sid');
  if (typeof sid === 'string' && /^FW[0-9a-fA-F]{32}$/.test(sid)) return true;
  return (
    field(v, 'friendly_name') !== undefined &&
    (own(v, 'status') !== undefined || own(v, 'revision') !== undefined)
  );
}

/**
 * Flow or revision? The v2 spec gives the Flow resource `webhook_url`, `links` and `warnings`, which a FlowRevision
 * lacks, and a revision's `url` ends in `/Revisions/{n}`.
 */
function resourceKind(v: Obj): 'flow' | 'revision' {
  const url = own(v, 'url');
  if (typeof url === 'string' && /\/Revisions\/[^/]+\/?$/i.test(url)) return 'revision';
  if (
    field(v, 'webhook_url') !== undefined ||
    own(v, 'links') !== undefined ||
    own(v, 'warnings') !== undefined
  ) {
    return 'flow';
  }
  return typeof own(v, 'revision') === 'number' ? 'revision' : 'flow';
}

function optionalString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function revisionNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d{1,15}$/.test(v)) return Number(v);
  return undefined;
}

/** Collect the metadata of a resource; `undefined` members are left out so that objects compare cleanly. */
function resourceInfo(v: Obj, kind: 'flow' | 'revision', fromCli: boolean): FlowSourceInfo {
  const info: FlowSourceInfo = { kind, label: '' };
  const flowSid = optionalString(own(v, 'sid'));
  const friendlyName = optionalString(field(v, 'friendly_name'));
  const revision = revisionNumber(own(v, 'revision'));
  const status = optionalString(own(v, 'status'));
  const commitMessage = optionalString(field(v, 'commit_message'));
  const dateCreated = optionalString(field(v, 'date_created'));
  const dateUpdated = optionalString(field(v, 'date_updated'));
  if (flowSid !== undefined) info.flowSid = flowSid;
  if (friendlyName !== undefined) info.friendlyName = friendlyName;
  if (revision !== undefined) info.revision = revision;
  if (status !== undefined) info.status = status;
  if (commitMessage !== undefined) info.commitMessage = commitMessage;
  if (dateCreated !== undefined) info.dateCreated = dateCreated;
  if (dateUpdated !== undefined) info.dateUpdated = dateUpdated;
  if (fromCli || CAMEL_KEYS.some((k) => Object.hasOwn(v, k))) info.fromCli = true;
  info.label = resourceLabel(info);
  return info;
}

/** `Flow “IVR” (FW3d6f4b83…), revision 7, draft` / `Revision 3 of “IVR” (published)`. */
export function resourceLabel(info: Omit<FlowSourceInfo, 'label'>): string {
  const name = info.friendlyName ? `“${shortText(info.friendlyName)}”` : undefined;
  const sid = info.flowSid ? shortSid(info.flowSid) : undefined;
  if (info.kind === 'revision') {
    const of = name ?? (sid ? `flow ${sid}` : undefined);
    const head = info.revision !== undefined ? `Revision ${info.revision}` : 'Flow revision';
    return `${head}${of ? ` of ${of}` : ''}${info.status ? ` (${info.status})` : ''}`;
  }
  if (info.kind === 'definition') return 'Flow definition';
  const parts: string[] = [];
  if (name) parts.push(`Flow ${name}${sid ? ` (${sid})` : ''}`);
  else parts.push(sid ? `Flow ${sid}` : 'Flow resource');
  if (info.revision !== undefined) parts.push(`revision ${info.revision}`);
  if (info.status) parts.push(info.status);
  return parts.join(', ');
}

function cliSuffix(fromCli: boolean): string {
  return fromCli ? ' (Twilio CLI output)' : '';
}

function noDefinitionError(pointer: string, info: FlowSourceInfo): ImportError {
  const sid = info.flowSid ?? '<FlowSid>';
  const rev = info.kind === 'revision' ? info.revision : undefined;
  const how =
    rev === undefined
      ? `GET https://studio.twilio.com/v2/Flows/${sid}, or twilio api:studio:v2:flows:fetch --sid ${sid} -o json`
      : `GET https://studio.twilio.com/v2/Flows/${sid}/Revisions/${rev}, or twilio api:studio:v2:flows:revisions:fetch --sid ${sid} --revision ${rev} -o json`;
  return {
    code: 'no-definition',
    message: `${info.label} has no definition: fetch it (${how}) and import that.`,
    pointer,
  };
}

function definitionMissing(v: Obj): boolean {
  const d = own(v, 'definition');
  return d === undefined || d === null;
}

function single(v: Obj, pointer: string, fromCli: boolean): Detection {
  const kind = resourceKind(v);
  const info = resourceInfo(v, kind, fromCli);
  if (definitionMissing(v)) return { ok: false, error: noDefinitionError(pointer, info) };
  const label = `${info.label}${cliSuffix(info.fromCli === true)}`;
  return {
    ok: true,
    kind,
    label,
    entries: [{ pointer: `${pointer}/definition`, definition: own(v, 'definition'), source: info }],
  };
}

/** Entries of a list page or CLI array; entries without a definition are skipped (ListFlow leaves them out). */
function list(
  items: unknown[],
  pointer: string,
  kind: 'flow-list' | 'revision-list' | undefined,
  fromCli: boolean,
): Detection {
  const entries: DetectedEntry[] = [];
  const infos: FlowSourceInfo[] = [];
  let skipped = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const at = `${pointer}/${i}`;
    if (!isObject(item) || !isResource(item)) {
      const what =
        isObject(item) && isBareDefinition(item)
          ? 'a bare flow definition, not a Flow resource'
          : describeType(item);
      return {
        ok: false,
        error: {
          code: 'not-a-flow',
          message: `Item ${i} (pointer ${at}) of the ${kind === undefined ? 'array' : 'list'} is ${what}; expected Studio Flow resources with a "definition".`,
          pointer: at,
        },
      };
    }
    const entryKind = kind === undefined ? resourceKind(item) : kind === 'flow-list' ? 'flow' : 'revision';
    const info = resourceInfo(item, entryKind, fromCli);
    infos.push(info);
    if (definitionMissing(item)) {
      skipped++;
      continue;
    }
    entries.push({ pointer: `${at}/definition`, definition: own(item, 'definition'), source: info });
  }

  // A CLI array has no wrapper naming it: all revisions (or one SID many times) means `flows:revisions:list`.
  let listKind = kind;
  if (listKind === undefined) {
    const sids = new Set(infos.map((x) => x.flowSid));
    const allRevisions = infos.every((x) => x.kind === 'revision');
    listKind =
      allRevisions || (infos.length > 1 && sids.size === 1 && !sids.has(undefined))
        ? 'revision-list'
        : 'flow-list';
    if (listKind === 'revision-list') for (const x of infos) relabel(x, 'revision');
  }

  const cli = fromCli || infos.some((x) => x.fromCli === true);
  if (entries.length === 0) {
    const noun = listKind === 'flow-list' ? 'flows' : 'revisions';
    const first = infos[0];
    const sid = first?.flowSid ?? '<FlowSid>';
    const fetch =
      listKind === 'flow-list'
        ? `fetch the flow you want (GET https://studio.twilio.com/v2/Flows/${sid}, or twilio api:studio:v2:flows:fetch --sid ${sid} -o json)`
        : `fetch the revision you want (GET https://studio.twilio.com/v2/Flows/${sid}/Revisions/<n>, or twilio api:studio:v2:flows:revisions:fetch --sid ${sid} --revision <n> -o json)`;
    return {
      ok: false,
      error: {
        code: 'no-definition',
        message: `This list of ${items.length} ${noun} has no definitions (list responses may leave them out): ${fetch} and import that.`,
        pointer,
      },
    };
  }

  if (listKind === 'revision-list') {
    // Newest first; entries without a number keep their order at the end (sort is stable).
    const rank = (e: DetectedEntry): number => e.source.revision ?? Number.NEGATIVE_INFINITY;
    entries.sort((a, b) => (rank(a) === rank(b) ? 0 : rank(b) > rank(a) ? 1 : -1));
  }

  const names = new Set(entries.map((e) => e.source.friendlyName));
  const only = names.size === 1 ? entries[0]?.source.friendlyName : undefined;
  const n = entries.length;
  let label =
    listKind === 'flow-list'
      ? `List of ${n} flow${n === 1 ? '' : 's'}`
      : `${n} revision${n === 1 ? '' : 's'}${only ? ` of “${shortText(only)}”` : ''}`;
  if (skipped > 0) label += `; ${skipped} without a definition skipped`;
  label += cliSuffix(cli);
  return { ok: true, kind: listKind, label, entries };
}

function relabel(info: FlowSourceInfo, kind: 'flow' | 'revision'): void {
  info.kind = kind;
  info.label = resourceLabel(info);
}

/**
 * Find the flow definition(s) in a parsed JSON value and the metadata around them. Never throws for JSON values;
 * the caller still has to parse string definitions and check their shape.
 */
export function detectSource(value: unknown): Detection {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return {
        ok: false,
        error: {
          code: 'empty-list',
          message: 'The JSON is an empty array: there is no flow in it.',
          pointer: '',
        },
      };
    }
    // `twilio api:studio:v2:flows:fetch -o json` prints a one-element array: that is one flow, not a list.
    const [only] = value as unknown[];
    if (value.length === 1 && isObject(only) && isResource(only)) return single(only, '/0', true);
    return list(value, '', undefined, true);
  }
  if (!isObject(value)) {
    return {
      ok: false,
      error: {
        code: 'not-an-object',
        message: `Expected a Studio flow (a JSON object with "states"), but the value is ${describeType(value)}.`,
        pointer: '',
      },
    };
  }
  if (isBareDefinition(value)) {
    return {
      ok: true,
      kind: 'definition',
      label: 'Flow definition',
      entries: [{ pointer: '', definition: value, source: { kind: 'definition', label: 'Flow definition' } }],
    };
  }
  const flows = own(value, 'flows');
  const revisions = own(value, 'revisions');
  if (Array.isArray(flows) || Array.isArray(revisions)) {
    const isFlows = Array.isArray(flows);
    const items = (isFlows ? flows : revisions) as unknown[];
    const name = isFlows ? 'flows' : 'revisions';
    if (items.length === 0) {
      return {
        ok: false,
        error: {
          code: 'empty-list',
          message: `This list response has no ${name} in it ("${name}" is empty).`,
          pointer: `/${name}`,
        },
      };
    }
    return list(items, `/${name}`, isFlows ? 'flow-list' : 'revision-list', false);
  }
  if (isResource(value)) return single(value, '', false);

  const keys = Object.keys(value);
  const shown = keys.slice(0, 8).map((k) => JSON.stringify(shortText(k)));
  return {
    ok: false,
    error: {
      code: 'not-a-flow',
      message:
        'This JSON object is not a Studio flow: it has no "states" array and no "definition" ' +
        (keys.length === 0
          ? '(it is empty).'
          : `(its keys are ${shown.join(', ')}${keys.length > 8 ? ', …' : ''}).`),
      pointer: '',
    },
  };
}

/**
 * Whether a definition is in the legacy pre-2019 Studio format: no `initial_state`, and an `InitialState` widget or
 * transitions that point at `FF…` state SIDs instead of widget names.
 */
export function isLegacyDefinition(value: unknown): boolean {
  if (!isObject(value) || Object.hasOwn(value, 'initial_state')) return false;
  const states = own(value, 'states');
  if (!Array.isArray(states)) return false;
  for (const state of states as unknown[]) {
    if (!isObject(state)) continue;
    if (own(state, 'type') === 'InitialState') return true;
    const transitions = own(state, 'transitions');
    if (!Array.isArray(transitions)) continue;
    for (const t of transitions as unknown[]) {
      if (isObject(t)) {
        const next = own(t, 'next');
        if (typeof next === 'string' && /^FF[0-9a-fA-F]{32}$/.test(next)) return true;
      }
    }
  }
  return false;
}
