/**
 * What the JSON view makes of its text: the restore boundary's verdict (src/io), narrowed to what the view edits, a
 * bare flow definition. Pure (no Monaco, no React), so the same table of hostile inputs that every entry point is
 * tested with reaches this one too.
 */
import { importFlowText, type ImportError } from '../io';
import type { FlowDefinition } from '../model/types';

export type JsonViewText =
  | { ok: true; definition: FlowDefinition }
  | { ok: false; error: Pick<ImportError, 'message' | 'line' | 'column'> & { code: string } };

export function readJsonViewText(text: string): JsonViewText {
  const result = importFlowText(text);
  if (!result.ok) return { ok: false, error: result.error };
  const flow = result.flows[0];
  if (result.kind !== 'definition' || result.flows.length !== 1 || !flow) {
    return {
      ok: false,
      error: {
        code: 'json-view.not-a-definition',
        message: `This is ${result.label}, not a bare flow definition: the JSON view edits the definition itself. Use “Paste JSON…” to open it.`,
      },
    };
  }
  return { ok: true, definition: flow.definition };
}
