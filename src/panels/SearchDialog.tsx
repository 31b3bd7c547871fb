import { useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { Widget } from '../model/types';
import { getWidgetType } from '../schema';
import { Modal } from '../ui/Modal';
import { ComboboxList } from './ComboboxList';
import { groupDigits } from '../model/digits';

/** Most matches shown: enough to scan, few enough to render at once for any flow size. */
export const MAX_MATCHES = 50;

export interface SearchableWidget {
  name: string;
  type: string;
  /** The type as Studio names it, e.g. "Send Message". */
  typeTitle: string;
}

export interface WidgetMatch extends SearchableWidget {
  /** [start, end) ranges of the name that matched, for highlighting. */
  ranges: [number, number][];
}

export interface SearchResult {
  matches: WidgetMatch[];
  /** How many widgets match in all (`matches` holds the best `limit` of them). */
  total: number;
}

const WORD_START = /[\s_\-.]/;

function isWordStart(text: string, index: number): boolean {
  if (index === 0) return true;
  const before = text.charAt(index - 1);
  const here = text.charAt(index);
  // After a separator, or a camelCase hump (sendSMS → S).
  return WORD_START.test(before) || (before === before.toLowerCase() && here !== here.toLowerCase());
}

interface TokenMatch {
  score: number;
  ranges: [number, number][];
}

/** Letters of `token` in order in `text`, preferring word starts; null when they are not all there. */
function fuzzy(text: string, lower: string, token: string): TokenMatch | null {
  const ranges: [number, number][] = [];
  let from = 0;
  let gaps = 0;
  for (const char of token) {
    let at = lower.indexOf(char, from);
    if (at < 0) return null;
    // A later word start with the same letter makes a tighter, more intuitive match ("gi" → Gather_Input).
    for (let next = at; next >= 0 && next - from < 12; next = lower.indexOf(char, next + 1)) {
      if (isWordStart(text, next)) {
        at = next;
        break;
      }
    }
    gaps += at - from;
    const last = ranges.at(-1);
    if (last?.[1] === at) last[1] = at + 1;
    else ranges.push([at, at + 1]);
    from = at + 1;
  }
  return { score: Math.max(100, 300 - gaps * 4 - ranges.length * 10), ranges };
}

function matchToken(
  widget: SearchableWidget,
  lowerName: string,
  lowerTitle: string,
  token: string,
): TokenMatch | null {
  const name = widget.name;
  if (lowerName === token) return { score: 1000, ranges: [[0, name.length]] };
  const at = lowerName.indexOf(token);
  if (at === 0) return { score: 900, ranges: [[0, token.length]] };
  if (at > 0) {
    // A word start anywhere in the name beats a plain substring.
    for (let i = at; i >= 0; i = lowerName.indexOf(token, i + 1)) {
      if (isWordStart(name, i)) return { score: 800, ranges: [[i, i + token.length]] };
    }
    return { score: 700 - Math.min(at, 50), ranges: [[at, at + token.length]] };
  }
  const inTitle = lowerTitle.indexOf(token);
  if (inTitle >= 0 || widget.type.includes(token)) return { score: 500 - Math.max(0, inTitle), ranges: [] };
  return fuzzy(name, lowerName, token);
}

/**
 * Widgets matching `query`: each word of it must match the name (exactly, at the start, at a word start, inside
 * it, or as letters in order) or the type. Best first, then shorter names, then file order. An empty query
 * lists widgets in file order.
 */
export function searchWidgets(
  widgets: readonly SearchableWidget[],
  query: string,
  limit = MAX_MATCHES,
): SearchResult {
  const tokens = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) {
    return { matches: widgets.slice(0, limit).map((w) => ({ ...w, ranges: [] })), total: widgets.length };
  }
  const scored: { widget: SearchableWidget; score: number; ranges: [number, number][]; index: number }[] = [];
  widgets.forEach((widget, index) => {
    const lowerName = widget.name.toLowerCase();
    const lowerTitle = widget.typeTitle.toLowerCase();
    let score = 0;
    const ranges: [number, number][] = [];
    for (const token of tokens) {
      const match = matchToken(widget, lowerName, lowerTitle, token);
      if (!match) return;
      score += match.score;
      ranges.push(...match.ranges);
    }
    scored.push({ widget, score, ranges, index });
  });
  scored.sort(
    (a, b) => b.score - a.score || a.widget.name.length - b.widget.name.length || a.index - b.index,
  );
  return {
    matches: scored.slice(0, limit).map(({ widget, ranges }) => ({ ...widget, ranges: mergeRanges(ranges) })),
    total: scored.length,
  };
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function Highlighted({ text, ranges }: { text: string; ranges: [number, number][] }) {
  if (ranges.length === 0) return <>{text}</>;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

const count = (n: number, one: string, many: string) => `${groupDigits(n)} ${n === 1 ? one : many}`;

function summary(query: string, result: SearchResult): string {
  if (!query.trim()) {
    return result.total > result.matches.length
      ? `The first ${result.matches.length} of ${count(result.total, 'widget', 'widgets')}: type to narrow.`
      : `${count(result.total, 'widget', 'widgets')}.`;
  }
  if (result.total === 0) return 'No widget matches.';
  return result.total > result.matches.length
    ? `The best ${result.matches.length} of ${count(result.total, 'match', 'matches')}.`
    : `${count(result.total, 'match', 'matches')}.`;
}

function SearchBody({
  widgets,
  onChoose,
  inputRef,
}: {
  widgets: readonly SearchableWidget[];
  onChoose: (name: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const [query, setQuery] = useState('');
  const result = useMemo(() => searchWidgets(widgets, query), [widgets, query]);
  const { matches } = result;
  return (
    <div className="modal-body search-body">
      <ComboboxList
        label="Jump to widget"
        listLabel="Matching widgets"
        placeholder="Widget name or type"
        inputRef={inputRef}
        query={query}
        onQueryChange={setQuery}
        items={matches}
        // Names should be unique, but a broken flow may repeat one.
        itemKey={(match, index) => `${index}:${match.name}`}
        renderItem={(match) => (
          <>
            <span className="search-option-name">
              <Highlighted text={match.name} ranges={match.ranges} />
            </span>
            <span className="search-option-type">{match.typeTitle}</span>
          </>
        )}
        onChoose={(match) => onChoose(match.name)}
        hint={`${summary(query, result)} ↑ ↓ to move, Enter to go to the widget.`}
      />
      {query.trim() && matches.length === 0 && (
        <p className="search-empty">
          No widget name or type matches <q>{query.trim()}</q>.
        </p>
      )}
    </div>
  );
}

export interface SearchDialogProps {
  open: boolean;
  /** The widgets of the open flow. */
  widgets: readonly Widget[];
  /** A widget was chosen: the owner selects and centres it, and closes the dialog. */
  onChoose: (name: string) => void;
  onClose: () => void;
  fallbackFocusId?: string;
}

/** "Find widget…" (Ctrl/Cmd+K or /): a combobox over the widget names and types of the open flow. */
export function SearchDialog({ open, widgets, onChoose, onClose, fallbackFocusId }: SearchDialogProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  // Only while open: edits to the flow cost nothing while the dialog is closed.
  const searchable = useMemo(() => {
    if (!open) return [];
    const titles = new Map<string, string>();
    return widgets.map((widget): SearchableWidget => {
      let typeTitle = titles.get(widget.type);
      if (typeTitle === undefined) {
        typeTitle = getWidgetType(widget.type)?.title ?? widget.type;
        titles.set(widget.type, typeTitle);
      }
      return { name: widget.name, type: widget.type, typeTitle };
    });
  }, [open, widgets]);

  return (
    <Modal
      open={open}
      title="Find widget"
      onClose={onClose}
      initialFocus={() => inputRef.current}
      fallbackFocusId={fallbackFocusId}
      className="search-dialog"
    >
      {/* Mounted only while open: every search starts empty. */}
      {open && <SearchBody widgets={searchable} onChoose={onChoose} inputRef={inputRef} />}
    </Modal>
  );
}
