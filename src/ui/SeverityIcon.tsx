import type { Severity } from '../model/types';

/**
 * The one word for each severity, wherever a severity is named (the problems grid's icons, the inspector's field
 * problems): the words the problems panel shows.
 */
export const SEVERITY_WORDS: Readonly<Record<Severity, string>> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
};

export interface SeverityIconProps {
  severity: Severity;
  /** An image named by the severity's word; without, decoration beside text that already says it. */
  label?: boolean;
  /** Extra classes, for the icon's place in a layout. */
  className?: string;
}

/** A severity glyph drawn inline (no icon font, no emoji, so it looks the same on every system). */
export function SeverityIcon({ severity, label = false, className }: SeverityIconProps) {
  const a11y = label ? { role: 'img', 'aria-label': SEVERITY_WORDS[severity] } : { 'aria-hidden': true };
  return (
    <svg
      className={['sev-icon', `sev-${severity}`, className].filter(Boolean).join(' ')}
      viewBox="0 0 16 16"
      width="14"
      height="14"
      focusable="false"
      {...a11y}
    >
      {severity === 'error' && (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M5.5 5.5l5 5m0-5l-5 5" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
        </>
      )}
      {severity === 'warning' && (
        <>
          <path d="M8 1.2 15.2 14H.8z" fill="currentColor" strokeLinejoin="round" />
          <path d="M8 5.6v4.2" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
          <circle cx="8" cy="11.9" r="1" fill="#fff" />
        </>
      )}
      {severity === 'info' && (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M8 7.2v4.3" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
          <circle cx="8" cy="4.7" r="1" fill="#fff" />
        </>
      )}
    </svg>
  );
}
