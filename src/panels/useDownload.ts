/**
 * File downloads of the panels (export dialog, diff view): a Blob through a temporary link, the object URL freed
 * once the browser has taken the file (or by the next download, or when the panel goes away).
 */
import { useCallback, useEffect, useRef } from 'react';

/** Downloads through a temporary link; the object URL is freed once the browser has taken the file. */
export function useDownload(say: (message: string) => void) {
  const lastUrl = useRef<string | null>(null);
  useEffect(
    () => () => {
      if (lastUrl.current) URL.revokeObjectURL(lastUrl.current);
    },
    [],
  );
  return useCallback(
    (blob: Blob, name: string) => {
      if (lastUrl.current) URL.revokeObjectURL(lastUrl.current);
      const url = URL.createObjectURL(blob);
      lastUrl.current = url;
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      window.setTimeout(() => {
        if (lastUrl.current === url) lastUrl.current = null;
        URL.revokeObjectURL(url);
      }, 10_000);
      say(`Downloaded ${name}.`);
    },
    [say],
  );
}
