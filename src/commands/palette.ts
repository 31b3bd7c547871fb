/**
 * The command palette's list: every command that can be run by name, matched against what was typed, with its
 * label in the current state, its keys and whether it can run now.
 */
import { commandLabel } from './registry';
import type { Command, CommandState } from './types';

export interface PaletteEntry {
  command: Command;
  /** The label in this state ("Auto-layout selection"). */
  label: string;
  enabled: boolean;
  /** Why it is disabled, when there is something useful to say. */
  reason?: string;
}

/** How well one word of the query matches a command; 0: not at all. */
function wordScore(word: string, label: string, rest: string): number {
  if (label.startsWith(word)) return 4;
  if (new RegExp(`(^|[\\s(/-])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(label)) return 3;
  if (label.includes(word)) return 2;
  return rest.includes(word) ? 1 : 0;
}

/**
 * The palette's entries for `query`: the commands whose label, description or keywords hold every word of it
 * (any order, case ignored), best first: those that can run now before those that cannot, then labels starting
 * with the query, then words of the label, then the rest; ties in registry order. Hidden commands are never
 * listed; an empty query lists every other one.
 */
export function paletteEntries(
  commands: readonly Command[],
  state: CommandState,
  query: string,
): PaletteEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const scored: { entry: PaletteEntry; score: number; index: number }[] = [];
  commands.forEach((command, index) => {
    if (command.hidden) return;
    const label = commandLabel(command, state);
    const lowerLabel = label.toLowerCase();
    const rest = [command.label, command.description ?? '', ...(command.keywords ?? [])]
      .join(' ')
      .toLowerCase();
    let score = 0;
    for (const word of words) {
      const s = wordScore(word, lowerLabel, rest);
      if (s === 0) return;
      score += s;
    }
    const enabled = command.enabled(state);
    const reason = enabled ? undefined : command.disabledReason?.(state);
    scored.push({
      entry: { command, label, enabled, ...(reason === undefined ? {} : { reason }) },
      score,
      index,
    });
  });
  scored.sort(
    (a, b) => Number(b.entry.enabled) - Number(a.entry.enabled) || b.score - a.score || a.index - b.index,
  );
  return scored.map((s) => s.entry);
}
