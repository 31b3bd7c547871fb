import type { ReactNode } from 'react';

export interface OpenFileButtonProps {
  onFile: (file: File) => void;
  className?: string;
  children: ReactNode;
}

/**
 * A real file input dressed as a button: the label is the visible button, the input stays focusable (visually
 * hidden) so keyboard and assistive technology reach the platform's own file chooser.
 */
export function OpenFileButton({ onFile, className = 'button', children }: OpenFileButtonProps) {
  return (
    <label className={`${className} file-button`}>
      <input
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        onChange={(event) => {
          const input = event.currentTarget;
          const file = input.files?.[0];
          // Clear it so choosing the same file again still fires a change.
          input.value = '';
          if (file) onFile(file);
        }}
      />
      {children}
    </label>
  );
}
