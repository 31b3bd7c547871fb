import { describe, expect, it } from 'vitest';
import { MAX_MATCHES, searchWidgets, type SearchableWidget } from './SearchDialog';

const w = (name: string, type = 'send-message', typeTitle = 'Send Message'): SearchableWidget => ({
  name,
  type,
  typeTitle,
});

const WIDGETS = [
  w('Trigger', 'trigger', 'Trigger'),
  w('send_greeting'),
  w('Greeting'),
  w('gather_input', 'gather-input-on-call', 'Gather Input On Call'),
  w('split_on_digits', 'split-based-on', 'Split Based On...'),
  w('NotificationPreference', 'send-and-wait-for-reply', 'Send & Wait For Reply'),
  w('greet'),
];

const names = (query: string) => searchWidgets(WIDGETS, query).matches.map((m) => m.name);

describe('searchWidgets', () => {
  it('lists widgets in file order for an empty query', () => {
    expect(names('  ')).toEqual(WIDGETS.map((x) => x.name));
  });

  it('ranks exact, then prefix, then word start, then substring', () => {
    expect(names('greet')).toEqual(['greet', 'Greeting', 'send_greeting']);
    expect(names('eting')).toEqual(['Greeting', 'send_greeting']);
  });

  it('matches the type title and id, and letters in order', () => {
    expect(names('split')).toEqual(['split_on_digits']);
    expect(names('gather input')).toEqual(['gather_input']);
    expect(names('wait for')).toEqual(['NotificationPreference']);
    expect(names('ntfp')).toEqual(['NotificationPreference']);
    expect(names('qqq')).toEqual([]);
  });

  it('gives the matched ranges of the name for highlighting', () => {
    expect(searchWidgets(WIDGETS, 'greet').matches[1]?.ranges).toEqual([[0, 5]]);
    expect(searchWidgets(WIDGETS, 'gi').matches.find((m) => m.name === 'gather_input')?.ranges).toEqual([
      [0, 1],
      [7, 8],
    ]);
  });

  it('caps the list and counts every match, fast on a large flow', () => {
    const many = Array.from({ length: 2000 }, (_, i) => w(`widget_${i}`));
    const started = performance.now();
    const result = searchWidgets(many, 'wdg 1');
    const elapsed = performance.now() - started;
    expect(result.matches).toHaveLength(MAX_MATCHES);
    expect(result.total).toBeGreaterThan(MAX_MATCHES);
    expect(elapsed).toBeLessThan(200); // generous: a loaded CI machine, first (cold) call
  });
});
