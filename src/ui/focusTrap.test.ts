import { describe, expect, it } from 'vitest';
import { wrapFocus } from './focusTrap';

describe('wrapFocus', () => {
  const controls = ['title input', 'cancel', 'ok'];

  it('sends Tab from the last control back to the first', () => {
    expect(wrapFocus(controls, 'ok', false)).toBe('title input');
  });

  it('sends Shift+Tab from the first control to the last', () => {
    expect(wrapFocus(controls, 'title input', true)).toBe('ok');
  });

  it('leaves every other move to the browser', () => {
    expect(wrapFocus(controls, 'title input', false)).toBeNull();
    expect(wrapFocus(controls, 'cancel', false)).toBeNull();
    expect(wrapFocus(controls, 'cancel', true)).toBeNull();
    expect(wrapFocus(controls, 'ok', true)).toBeNull();
    // Focus on the dialog itself (nothing of the list): the browser moves into the dialog.
    expect(wrapFocus(controls, null, false)).toBeNull();
  });

  it('keeps a single control focused either way', () => {
    expect(wrapFocus(['close'], 'close', false)).toBe('close');
    expect(wrapFocus(['close'], 'close', true)).toBe('close');
  });

  it('does nothing in a dialog without controls', () => {
    expect(wrapFocus([], null, false)).toBeNull();
    expect(wrapFocus([], null, true)).toBeNull();
  });
});
