import { readFileSync } from 'node:fs';
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

describe('the canvas stylesheets', () => {
  it('hold no colour of their own: every colour is a token of theme.css', () => {
    const theme = css('theme.css');
    for (const file of ['canvas.css', 'diff.css']) {
      const text = css(file).replace(/\/\*[\s\S]*?\*\//g, '');
      expect(text.match(/#[0-9a-fA-F]{3,8}\b/g), file).toBeNull();
      expect(text.match(/\b(rgb|rgba|hsl|hsla)\(/g), file).toBeNull();
      // Every variable they read is defined: in theme.css, or by the stylesheet itself.
      for (const [, name] of text.matchAll(/var\(--([\w-]+)/g)) {
        const defined = new RegExp(`--${name}\\s*:`);
        expect(defined.test(theme) || defined.test(text), `${file}: --${name}`).toBe(true);
      }
    }
  });
});
