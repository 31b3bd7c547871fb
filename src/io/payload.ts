/**
 * Requests for the Studio v2 Flows API (CreateFlow `POST /v2/Flows`, UpdateFlow `POST /v2/Flows/{FlowSid}`) and the
 * equivalent shell commands, so that users can put an edited flow back into their account without this app ever
 * holding their credentials.
 *
 * The API takes `application/x-www-form-urlencoded` fields FriendlyName, Status (draft | published), CommitMessage and
 * Definition (the flow definition as JSON). The commands are for a POSIX shell (bash, zsh); credentials are left to
 * the environment variables `TWILIO_ACCOUNT_SID` / `TWILIO_AUTH_TOKEN` (curl) or the CLI's active profile.
 */

import type { FlowDefinition } from '../model/types';

export type FlowStatus = 'draft' | 'published';

export interface FlowPayloadInput {
  friendlyName?: string;
  status: FlowStatus;
  commitMessage?: string;
  definition: FlowDefinition;
}

/** CreateFlow requires FriendlyName; UpdateFlow does not (and needs the SID of the flow). */
export type FlowCommandInput =
  | (FlowPayloadInput & { flowSid: string })
  | (FlowPayloadInput & { flowSid?: undefined; friendlyName: string });

export const STUDIO_FLOWS_URL = 'https://studio.twilio.com/v2/Flows';

/**
 * The form fields of a CreateFlow/UpdateFlow request, in the order FriendlyName, Status, CommitMessage, Definition;
 * absent optional fields are left out. Definition is compact JSON (`JSON.stringify(definition)`): key order and
 * values exactly as held, no whitespace to pay for in the request.
 */
export function flowPayloadFields(input: FlowPayloadInput): [string, string][] {
  const fields: [string, string][] = [];
  if (input.friendlyName !== undefined) fields.push(['FriendlyName', input.friendlyName]);
  fields.push(['Status', input.status]);
  if (input.commitMessage !== undefined) fields.push(['CommitMessage', input.commitMessage]);
  fields.push(['Definition', JSON.stringify(input.definition)]);
  return fields;
}

/**
 * `application/x-www-form-urlencoded` body of the fields (spaces as `+`), as `URLSearchParams` writes it, so that
 * `new URLSearchParams(body).get('Definition')` gives back the exact Definition string.
 */
export function formEncode(fields: readonly (readonly [string, string])[]): string {
  const params = new URLSearchParams();
  for (const [name, value] of fields) params.append(name, value);
  return params.toString();
}

/**
 * Form body of a CreateFlow request (`POST https://studio.twilio.com/v2/Flows`); FriendlyName is required there.
 */
export function createFlowPayload(input: FlowPayloadInput & { friendlyName: string }): string {
  return formEncode(flowPayloadFields(input));
}

/**
 * Form body of an UpdateFlow request (`POST https://studio.twilio.com/v2/Flows/{FlowSid}`); FriendlyName is
 * optional and Status required. Each update creates a new revision.
 */
export function updateFlowPayload(input: FlowPayloadInput): string {
  return formEncode(flowPayloadFields(input));
}

/** The URL a create (no SID) or update (SID) request goes to. */
export function flowRequestUrl(flowSid?: string): string {
  return flowSid === undefined ? STUDIO_FLOWS_URL : `${STUDIO_FLOWS_URL}/${encodeURIComponent(flowSid)}`;
}

/**
 * Quote one word for a POSIX shell. Words made only of safe characters stay bare; everything else is wrapped in single
 * quotes, inside which nothing is special except the single quote itself, written as `'\''`.
 */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `--name value`, or `--name=value` when the value starts with `-` and would otherwise be read as an option. */
function cliOption(name: string, value: string): string {
  return value.startsWith('-') ? `${name}=${shellQuote(value)}` : `${name} ${shellQuote(value)}`;
}

function checkCreate(input: FlowCommandInput): void {
  if (input.flowSid === undefined && typeof input.friendlyName !== 'string') {
    throw new TypeError('Creating a flow needs a friendly name (CreateFlow requires FriendlyName).');
  }
}

export interface CurlOptions {
  /**
   * Read the definition from this file (`--data-urlencode 'Definition@flow.json'`) instead of inlining it. Linux
   * refuses a single command-line argument over 128 KiB, which a flow of a few hundred widgets exceeds.
   */
  definitionFile?: string;
}

/**
 * A curl command that creates the flow (no `flowSid`) or updates it (with `flowSid`), one option per line. Each
 * field is sent with `--data-urlencode`, so curl does the form encoding (and the request is a POST); credentials
 * come from the environment, never from this app.
 *
 * @throws TypeError when creating without a friendly name (only reachable from untyped callers).
 */
export function curlCommand(input: FlowCommandInput, opts: CurlOptions = {}): string {
  checkCreate(input);
  const lines = [`curl -sS ${shellQuote(flowRequestUrl(input.flowSid))}`];
  for (const [name, value] of flowPayloadFields(input)) {
    const arg =
      name === 'Definition' && opts.definitionFile !== undefined
        ? `Definition@${opts.definitionFile}`
        : `${name}=${value}`;
    lines.push(`--data-urlencode ${shellQuote(arg)}`);
  }
  lines.push('-u "$TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN"');
  return lines.join(' \\\n  ');
}

/**
 * A Twilio CLI command (`twilio api:studio:v2:flows:create` or `…:update --sid FW…`), one option per line, every
 * value shell-quoted. The definition is passed as compact JSON.
 *
 * @throws TypeError when creating without a friendly name (only reachable from untyped callers).
 */
export function twilioCliCommand(input: FlowCommandInput): string {
  checkCreate(input);
  const lines =
    input.flowSid === undefined
      ? ['twilio api:studio:v2:flows:create']
      : ['twilio api:studio:v2:flows:update', cliOption('--sid', input.flowSid)];
  if (input.friendlyName !== undefined) lines.push(cliOption('--friendly-name', input.friendlyName));
  lines.push(cliOption('--status', input.status));
  if (input.commitMessage !== undefined) lines.push(cliOption('--commit-message', input.commitMessage));
  lines.push(cliOption('--definition', JSON.stringify(input.definition)));
  return lines.join(' \\\n  ');
}
