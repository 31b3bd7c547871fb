import { useCallback, useEffect, useRef, useState } from 'react';
import { formatSize, type ImportError } from '../io';
import { ImportCancelled, importInput } from '../store/importJob';
import { useEditor } from '../store/react';

export interface FileOpenError {
  fileName: string;
  error: ImportError;
}

/** A file being read: what the progress line says, and how to stop it. */
export interface FileOpenJob {
  label: string;
  cancel: () => void;
}

/**
 * Opening a file (chooser or drop): read it through the restore boundary (bytes decoded as they are, never
 * silently replaced; a large file parsed and checked in a worker while the page stays responsive), open it through
 * the store, and keep the last failure for the app to show. A list opens the import dialog at its chooser (the
 * store does that); the current flow is kept whenever the file cannot be opened. Opening another file cancels the
 * one being read.
 */
export function useFileOpener() {
  const importResult = useEditor((s) => s.importResult);
  const [fileError, setFileError] = useState<FileOpenError | null>(null);
  const [job, setJob] = useState<FileOpenJob | null>(null);
  const current = useRef<AbortController | null>(null);

  useEffect(() => () => current.current?.abort(), []);

  const openFile = useCallback(
    async (file: File) => {
      current.current?.abort();
      const abort = new AbortController();
      current.current = abort;
      setJob({ label: `Reading ${file.name} (${formatSize(file.size)})…`, cancel: () => abort.abort() });
      try {
        const result = await importInput({ kind: 'file', file }, abort.signal);
        if (abort.signal.aborted) return;
        const opened = importResult(result, { fileName: file.name });
        setFileError(opened.ok ? null : { fileName: file.name, error: opened.error });
      } catch (error) {
        if (error instanceof ImportCancelled) return;
        const message = error instanceof Error ? error.message : String(error);
        setFileError({
          fileName: file.name,
          error: { code: 'file.unreadable', message: `The file could not be read: ${message}` },
        });
      } finally {
        if (current.current === abort) {
          current.current = null;
          setJob(null);
        }
      }
    },
    [importResult],
  );

  const dismissFileError = useCallback(() => setFileError(null), []);

  return { openFile, fileError, dismissFileError, job };
}
