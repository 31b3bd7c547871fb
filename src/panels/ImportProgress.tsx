import { useEffect, useState } from 'react';

/** Work shorter than this shows no progress at all (a flash of a progress bar is noise). */
export const PROGRESS_DELAY_MS = 300;

/**
 * "Reading big-flow.json (28.0 MB)…" with an indeterminate progress bar and Cancel, shown once the work has taken
 * longer than PROGRESS_DELAY_MS. Parsing a JSON text cannot report how far it got, so the bar says "working" and
 * the label says what; the page stays responsive meanwhile (the work runs in a worker), so Cancel always answers.
 */
export function ImportProgress({
  label,
  onCancel,
  className = '',
}: {
  label: string;
  onCancel: () => void;
  className?: string;
}) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), PROGRESS_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  if (!shown) return null;
  return (
    <div className={`import-progress ${className}`} role="status">
      <progress aria-label={label} />
      <span>{label}</span>
      <button type="button" className="button button-small" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
