import { useCallback, useState } from 'react';
import type { ImportError } from '../io';
import { useEditorStore } from './EditorStoreContext';

export interface FileOpenError {
  fileName: string;
  error: ImportError;
}

/**
 * Opening a file (chooser or drop): read it, import it through the store, and keep the last failure for the
 * app to show. A list opens the import dialog at its chooser (the store does that); the current flow is kept
 * whenever the file cannot be opened.
 */
export function useFileOpener() {
  const importText = useEditorStore((s) => s.importText);
  const [fileError, setFileError] = useState<FileOpenError | null>(null);

  const openFile = useCallback(
    async (file: File) => {
      let text: string;
      try {
        text = await file.text();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        setFileError({
          fileName: file.name,
          error: { code: 'file.unreadable', message: `The file could not be read: ${message}` },
        });
        return;
      }
      const result = importText(text, { fileName: file.name });
      setFileError(result.ok ? null : { fileName: file.name, error: result.error });
    },
    [importText],
  );

  const dismissFileError = useCallback(() => setFileError(null), []);

  return { openFile, fileError, dismissFileError };
}
