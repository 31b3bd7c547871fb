import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATEGORY_COLOURS, readColourTokens, SELECTED_COLOUR, themeColour, TRIGGER_COLOUR } from './colours';

const css = (name: string) => readFileSync(new URL(`../styles/${name}`, import.meta.url), 'utf8');

describe('readColourTokens', () => {
  it('reads hex colour custom properties, skipping comments and other values', () => {
    const tokens = readColourTokens(`
      :root {
        /* --commented: #000000; */
        --a: #1F4FC1;
        --b:#fff;
        --font: system-ui;
        --shadow: 0 1px 2px rgb(0 0 0 / 10%);
        --ref: var(--a);
      }
      .x { --a: #123456; }
    `);
    expect([...tokens]).toEqual([
      ['a', '#1f4fc1'],
      ['b', '#fff'],
    ]);
  });
});

describe('themeColour', () => {
  it('reads the colours CSS draws with: theme.css', () => {
    const theme = readColourTokens(css('theme.css'));
    expect(CATEGORY_COLOURS.messaging).toBe(theme.get('cat-messaging'));
    expect(TRIGGER_COLOUR).toBe(theme.get('cat-trigger'));
    expect(SELECTED_COLOUR).toBe(theme.get('accent'));
    expect(themeColour('diff-added')).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('fails loudly on a colour theme.css does not have', () => {
    expect(() => themeColour('no-such-colour')).toThrow('theme.css has no colour --no-such-colour');
    expect(() => themeColour('font-ui')).toThrow();
  });
});

describe('the stylesheets', () => {
  const styles = new URL('../styles/', import.meta.url);
  const stylesheets = readdirSync(styles).filter((name) => name.endsWith('.css') && name !== 'theme.css');
  const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '');

  it('are all checked, the canvas ones included', () => {
    expect(stylesheets).toEqual(
      expect.arrayContaining(['canvas.css', 'diff.css', 'app.css', 'inspector.css']),
    );
  });

  it.each(stylesheets)('%s holds no colour of its own: every colour is a token of theme.css', (file) => {
    const text = withoutComments(css(file));
    expect(text.match(/#[0-9a-fA-F]{3,8}\b/g), file).toBeNull();
    expect(text.match(/\b(rgb|rgba|hsl|hsla)\(/g), file).toBeNull();
  });

  it.each(stylesheets)('%s reads only variables that are defined', (file) => {
    const text = withoutComments(css(file));
    // Defined in theme.css, by a stylesheet (the category classes of canvas.css set --cat and --icon for every
    // view), or as an inline style property by a component (`'--grid-columns': ...`).
    const declared = [css('theme.css'), ...stylesheets.map(css)].join('\n');
    const components = readdirSync(new URL('../', import.meta.url), { recursive: true, encoding: 'utf8' })
      .filter((path) => /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path))
      .map((path) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'))
      .join('\n');
    for (const [, name] of text.matchAll(/var\(--([\w-]+)/g)) {
      const defined = new RegExp(`--${name}\\s*:`).test(declared) || components.includes(`'--${name}'`);
      expect(defined, `${file}: --${name}`).toBe(true);
    }
  });
});
