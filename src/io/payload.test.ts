import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createFlowPayload,
  curlCommand,
  flowPayloadFields,
  formEncode,
  shellQuote,
  twilioCliCommand,
  updateFlowPayload,
} from './index';
import { flowOf, sendMessage, trigger } from '../testing/flows';

const SID = 'FW3d6f4b83c4c60a13829d92fde6ddba80';
const definition = flowOf('Joe\'s flow & more: 100% "quoted" + spaced\nnewline $HOME `id` \\ é 😀', [
  trigger('reply'),
  sendMessage('reply', { body: "It's {{flow.data.x}} = 1+1", offset: { x: 0, y: 200 } }, ['sent']),
]);
const DEFINITION_JSON = JSON.stringify(definition);

/** What a POSIX shell makes of a command line: its argv, via bash's printf. */
const haveBash = existsSync('/bin/bash');
function argv(command: string): string[] {
  // Replace the program name with printf so bash prints each argument NUL-terminated instead of running anything.
  const script = command.replace(/^\S+/, "printf '%s\\0'");
  const out = execFileSync('/bin/bash', ['-c', script], {
    encoding: 'utf8',
    env: { TWILIO_ACCOUNT_SID: 'ACtest', TWILIO_AUTH_TOKEN: 'token', PATH: process.env.PATH ?? '' },
  });
  return out.split('\0').slice(0, -1);
}

describe('payloads', () => {
  it('fields in order, optional ones left out', () => {
    expect(flowPayloadFields({ friendlyName: 'F', status: 'draft', commitMessage: 'm', definition })).toEqual(
      [
        ['FriendlyName', 'F'],
        ['Status', 'draft'],
        ['CommitMessage', 'm'],
        ['Definition', DEFINITION_JSON],
      ],
    );
    expect(flowPayloadFields({ status: 'published', definition }).map(([k]) => k)).toEqual([
      'Status',
      'Definition',
    ]);
  });

  it('createFlowPayload decodes with URLSearchParams to the exact Definition JSON', () => {
    const body = createFlowPayload({
      friendlyName: "Joe's flow",
      status: 'draft',
      commitMessage: 'first + second',
      definition,
    });
    const params = new URLSearchParams(body);
    expect(params.get('Definition')).toBe(DEFINITION_JSON);
    expect(params.get('FriendlyName')).toBe("Joe's flow");
    expect(params.get('CommitMessage')).toBe('first + second');
    expect(params.get('Status')).toBe('draft');
    expect(body).not.toMatch(/[ \n"{}]/);
  });

  it('updateFlowPayload: FriendlyName optional, Status required', () => {
    const params = new URLSearchParams(updateFlowPayload({ status: 'published', definition }));
    expect([...params.keys()]).toEqual(['Status', 'Definition']);
    expect(params.get('Definition')).toBe(DEFINITION_JSON);
  });

  it('formEncode uses + for spaces and escapes &, =, +', () => {
    expect(formEncode([['A', 'a b&c=d+e']])).toBe('A=a+b%26c%3Dd%2Be');
  });
});

describe('shell commands', () => {
  it('shellQuote', () => {
    expect(shellQuote('draft')).toBe('draft');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('$HOME')).toBe("'$HOME'");
  });

  it('curl: CreateFlow and UpdateFlow URLs, credentials from the environment, quotes escaped', () => {
    const create = curlCommand({
      friendlyName: "Joe's flow",
      status: 'draft',
      commitMessage: "it's done",
      definition,
    });
    expect(create).toMatch(/^curl -sS https:\/\/studio\.twilio\.com\/v2\/Flows \\\n/);
    expect(create).toContain(`--data-urlencode 'FriendlyName=Joe'\\''s flow'`);
    expect(create).toContain(`--data-urlencode 'CommitMessage=it'\\''s done'`);
    expect(create).toContain(`--data-urlencode 'Definition=${DEFINITION_JSON.replace(/'/g, `'\\''`)}'`);
    expect(create).toContain('-u "$TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN"');
    const update = curlCommand({ flowSid: SID, status: 'published', definition });
    expect(update).toContain(`https://studio.twilio.com/v2/Flows/${SID}`);
    expect(update).not.toContain('FriendlyName');
    expect(
      curlCommand({ flowSid: SID, status: 'draft', definition }, { definitionFile: 'my flow.json' }),
    ).toContain("--data-urlencode 'Definition@my flow.json'");
  });

  it('twilio CLI: create and update', () => {
    const create = twilioCliCommand({
      friendlyName: "Joe's flow",
      status: 'draft',
      commitMessage: '-dash first',
      definition,
    });
    expect(create.split(' \\\n  ')).toEqual([
      'twilio api:studio:v2:flows:create',
      `--friendly-name 'Joe'\\''s flow'`,
      '--status draft',
      `--commit-message='-dash first'`,
      `--definition '${DEFINITION_JSON.replace(/'/g, `'\\''`)}'`,
    ]);
    const update = twilioCliCommand({ flowSid: SID, status: 'published', definition });
    expect(update).toMatch(
      new RegExp(`^twilio api:studio:v2:flows:update \\\\\\n  --sid ${SID} \\\\\\n  --status published`),
    );
  });

  it('creating without a friendly name is refused', () => {
    const untyped = { status: 'draft', definition } as unknown as Parameters<typeof curlCommand>[0];
    expect(() => curlCommand(untyped)).toThrow(TypeError);
    expect(() => twilioCliCommand(untyped)).toThrow(/friendly name/);
  });

  it.skipIf(!haveBash)('bash reads back exactly the intended arguments', () => {
    const curl = argv(
      curlCommand({
        friendlyName: "Joe's flow",
        status: 'draft',
        commitMessage: "it's $HOME `id`",
        definition,
      }),
    );
    expect(curl).toEqual([
      '-sS',
      'https://studio.twilio.com/v2/Flows',
      '--data-urlencode',
      "FriendlyName=Joe's flow",
      '--data-urlencode',
      'Status=draft',
      '--data-urlencode',
      "CommitMessage=it's $HOME `id`",
      '--data-urlencode',
      `Definition=${DEFINITION_JSON}`,
      '-u',
      'ACtest:token',
    ]);
    const cli = argv(
      twilioCliCommand({ flowSid: SID, friendlyName: "Joe's flow", status: 'published', definition }),
    );
    expect(cli).toEqual([
      'api:studio:v2:flows:update',
      '--sid',
      SID,
      '--friendly-name',
      "Joe's flow",
      '--status',
      'published',
      '--definition',
      DEFINITION_JSON,
    ]);
    expect(JSON.parse(cli.at(-1) ?? '')).toEqual(definition);
  });
});
