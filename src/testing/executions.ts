/**
 * Test support (Node only): the executions fixtures of src/executions/fixtures, written from the Studio v2 API's
 * Execution, ExecutionStep and context schemas (src/studio/openapi.json) and the Twilio CLI's camelCase output.
 *
 * Five executions of flow.json (a confirmation by SMS): 1 and 5 straight to `confirm`, 2 through the reminder and
 * the retry loops, 3 failing delivery at `ask`, 4 still active (waiting at `ask` after a reminder).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { FlowDefinition } from '../model/types';

export const EXECUTIONS_FIXTURES = fileURLToPath(new URL('../executions/fixtures/', import.meta.url));

/** A fixture's text. */
export function executionsFixture(name: string): string {
  return readFileSync(join(EXECUTIONS_FIXTURES, name), 'utf8');
}

/** A fixture's JSON. */
export function executionsFixtureJson(name: string): unknown {
  return JSON.parse(executionsFixture(name));
}

/** The flow the fixtures' executions ran on. */
export function fixtureFlow(name: 'flow.json' | 'flow-other-revision.json' = 'flow.json'): FlowDefinition {
  return executionsFixtureJson(name) as FlowDefinition;
}

/** The SID of fixture execution n (1-5). */
export function fixtureExecutionSid(n: number): string {
  return `FN${String(n).padStart(2, '0').repeat(16)}`;
}
