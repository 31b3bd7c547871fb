/**
 * The rows of the shortcuts overlay (?), made from the registry: every command with keys (but those another row
 * tells of), with the pointer gestures placed among them.
 */
import { COMMANDS, GESTURES } from './registry';
import type { Command, CommandGroup } from './types';

export interface ShortcutRow {
  id: string;
  /** Alternatives, each as the registry writes it (`Mod+K`, `/`), or how the overlay writes them (`Arrow keys`). */
  keys: readonly string[];
  description: string;
  group: CommandGroup;
}

/** The overlay's rows, in registry order within each group (groups in the order they first appear). */
export function shortcutRows(commands: readonly Command[] = COMMANDS): ShortcutRow[] {
  const rows: ShortcutRow[] = [];
  const gesturesAfter = (id: string, group: CommandGroup) => {
    for (const g of GESTURES) {
      if (g.after !== id) continue;
      rows.push({ id: g.id, keys: g.keys, description: g.description, group });
      gesturesAfter(g.id, group);
    }
  };
  for (const c of commands) {
    if (!c.keys || c.keys.length === 0 || c.toldBy !== undefined) continue;
    rows.push({
      id: c.id,
      keys: c.keyLabel === undefined ? c.keys : [c.keyLabel],
      description: c.description ?? c.label,
      group: c.group,
    });
    gesturesAfter(c.id, c.group);
  }
  return rows;
}
