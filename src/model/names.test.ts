import { describe, expect, it } from 'vitest';
import { toWidgetNameAlphabet, WIDGET_NAME_MAX_LENGTH, widgetNameClash, widgetNameError } from './names';

describe('widgetNameError', () => {
  it('accepts letters, digits, underscores and hyphens after a letter or an underscore', () => {
    for (const name of ['a', 'send_message_1', '_private', 'Ask-Again', 'x'.repeat(WIDGET_NAME_MAX_LENGTH)])
      expect(widgetNameError(name), name).toBeNull();
  });

  it('says why a name is refused', () => {
    expect(widgetNameError('')).toBe('A widget name cannot be empty.');
    expect(widgetNameError('x'.repeat(WIDGET_NAME_MAX_LENGTH + 1))).toBe(
      'A widget name can have at most 128 characters.',
    );
    expect(widgetNameError('1st')).toBe('A widget name must start with a letter or an underscore.');
    expect(widgetNameError('-x')).toBe('A widget name must start with a letter or an underscore.');
    expect(widgetNameError('say hello')).toBe(
      'A widget name can only contain letters, digits, underscores and hyphens (not spaces).',
    );
    expect(widgetNameError('a.b')).toBe(
      'A widget name can only contain letters, digits, underscores and hyphens (not “.”).',
    );
  });
});

describe('toWidgetNameAlphabet', () => {
  it('replaces other characters with underscores and gives a bad first character an underscore before it', () => {
    expect(toWidgetNameAlphabet('say hello!')).toBe('say_hello_');
    expect(toWidgetNameAlphabet('1st')).toBe('_1st');
    expect(toWidgetNameAlphabet('-x')).toBe('_-x');
    expect(toWidgetNameAlphabet('Grüße')).toBe('Gr__e');
  });

  it('leaves a valid name as it is, and always yields one the rules accept (length aside)', () => {
    expect(toWidgetNameAlphabet('send_message_1')).toBe('send_message_1');
    for (const name of ['', ' ', '9', '{{x}}', 'a/b', 'é'])
      expect(widgetNameError(toWidgetNameAlphabet(name)), JSON.stringify(name)).toBeNull();
  });
});

describe('widgetNameClash', () => {
  it('refuses a name taken, even when it differs only in case', () => {
    expect(widgetNameClash('greet', ['a', 'greet'])).toBe('Another widget is already named “greet”.');
    expect(widgetNameClash('Greet', ['greet'])).toBe(
      'Another widget is named “greet”; names must differ by more than case.',
    );
    expect(widgetNameClash('greet', ['greeting', 'b'])).toBeNull();
  });
});
