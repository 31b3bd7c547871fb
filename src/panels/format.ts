import type { FlowSourceInfo, ImportError, SourceKind } from '../io';

/** "line 3, column 14", or null when the error has no position. */
export function formatErrorPosition(error: ImportError): string | null {
  if (error.line === undefined) return null;
  return error.column === undefined ? `line ${error.line}` : `line ${error.line}, column ${error.column}`;
}

export { formatImportError } from '../io';

/** An ISO timestamp as "2024-05-03 14:22 UTC": the same for every user, like the API's own values. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * One entry of a list import, for choosing it: "Revision 7 · published · “Fix greeting” · 2024-05-03 14:22 UTC",
 * or for a list of flows "Support line (FW…) · revision 3 · draft · …".
 */
export function describeEntry(source: FlowSourceInfo, index: number, listKind: SourceKind): string {
  const parts: string[] = [];
  if ((listKind === 'revision-list' || source.kind === 'revision') && source.revision !== undefined) {
    parts.push(`Revision ${source.revision}`);
  } else {
    const name = source.friendlyName ?? source.flowSid ?? source.label;
    parts.push(
      source.friendlyName && source.flowSid ? `${name} (${source.flowSid})` : name || `Entry ${index + 1}`,
    );
    if (source.revision !== undefined) parts.push(`revision ${source.revision}`);
  }
  if (source.status) parts.push(source.status);
  if (source.commitMessage) parts.push(`“${source.commitMessage}”`);
  const date = source.dateUpdated ?? source.dateCreated;
  if (date) parts.push(formatTimestamp(date));
  return parts.join(' · ');
}
