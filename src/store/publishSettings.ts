/**
 * What the Flows API needs besides the definition: the friendly name, the status and the commit message that the
 * export dialog puts into CreateFlow/UpdateFlow payloads and commands. Kept with the document (saved and restored
 * with the session) so that the user types them once; never credentials.
 *
 * Pure: no React, no DOM; the store and persistence use these helpers.
 */
import { restorePublishSettings, type FlowSourceInfo, type PublishSettings } from '../io';

export type { PublishSettings };

export const DEFAULT_FRIENDLY_NAME = 'My flow';

/** A file name without its `.json` extension (any case), or null when nothing is left. */
function baseName(fileName: string | null): string | null {
  if (fileName === null) return null;
  const base = fileName.replace(/\.json$/i, '').trim();
  return base === '' ? null : base;
}

/**
 * Settings for a newly opened document: the friendly name of the Flow resource it came from, else the file name
 * without `.json`, else "My flow"; its status when it was `published`, else draft; its commit message, else empty.
 */
export function initialPublishSettings(
  source: FlowSourceInfo | null,
  fileName: string | null,
): PublishSettings {
  return {
    friendlyName: source?.friendlyName ?? baseName(fileName) ?? DEFAULT_FRIENDLY_NAME,
    status: source?.status === 'published' ? 'published' : 'draft',
    commitMessage: source?.commitMessage ?? '',
  };
}

/** Reads saved settings back through the restore boundary; null when the value is not a complete, well-typed set. */
export const parsePublishSettings = restorePublishSettings;

/**
 * The name a downloaded definition gets: the friendly name made safe for file systems (no path separators,
 * reserved or control characters, no leading dots, at most 120 characters) plus `.json`; the opened file's name
 * when nothing usable is left of the friendly name; `flow.json` as a last resort.
 */
export function exportFileName(friendlyName: string, fileName: string | null): string {
  const safe = friendlyName
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/\.json$/i, '')
    .slice(0, 120)
    .trim();
  if (safe !== '') return `${safe}.json`;
  const base = baseName(fileName);
  return base === null ? 'flow.json' : `${base}.json`;
}
