import { useId, useMemo, useState, type DragEvent } from 'react';
import { WIDGET_DRAG_MIME } from '../canvas';
import { categorySlug, paletteGroups } from '../schema';
import '../styles/palette.css';

export interface PaletteProps {
  /** Adds a widget of this type (click or Enter on an item). */
  onAdd: (type: string) => void;
}

/**
 * The widget library: every widget type a new widget can be, by category, filterable by typing. An item is a
 * button (click or Enter adds the widget in the middle of the canvas) that can also be dragged onto the canvas
 * (HTML drag and drop carrying the type as `WIDGET_DRAG_MIME`).
 */
export function Palette({ onAdd }: PaletteProps) {
  const headingId = useId();
  const hintId = useId();
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => paletteGroups(filter), [filter]);
  const first = groups[0]?.items[0];

  const onDragStart = (event: DragEvent<HTMLButtonElement>, type: string) => {
    event.dataTransfer.setData(WIDGET_DRAG_MIME, type);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <section className="palette" aria-labelledby={headingId}>
      <header className="panel-header">
        <h2 id={headingId}>Widget library</h2>
      </header>
      <div className="palette-filter">
        <input
          type="search"
          aria-label="Filter widgets"
          placeholder="Filter widgets"
          value={filter}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => setFilter(event.currentTarget.value)}
          onKeyDown={(event) => {
            // Enter adds the first match: type "send", Enter.
            if (event.key === 'Enter' && first) {
              event.preventDefault();
              onAdd(first.type);
            } else if (event.key === 'Escape' && filter !== '') {
              event.stopPropagation();
              setFilter('');
            }
          }}
        />
      </div>
      <p id={hintId} className="visually-hidden">
        Press Enter to add the widget to the middle of the canvas, or drag it onto the canvas.
      </p>
      <div className="palette-list">
        {groups.length === 0 && <p className="palette-empty">No widget matches “{filter}”.</p>}
        {groups.map((group) => (
          <section key={group.category} className="palette-group" aria-label={group.category}>
            <h3>{group.category}</h3>
            <ul>
              {group.items.map((info) => (
                <li key={info.type}>
                  <button
                    type="button"
                    className={`palette-item wn-cat-${categorySlug(info.category)}`}
                    draggable
                    aria-describedby={hintId}
                    title={info.description || info.title}
                    onDragStart={(event) => onDragStart(event, info.type)}
                    onClick={() => onAdd(info.type)}
                  >
                    {info.title}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}
