import { describe, expect, it } from 'vitest';
import { replayInstead, SHOWN_CHARS, shownText, tooLongToShow } from '../../../src/report/shown.ts';

describe('what a page and a CI report show of a long text', () => {
  it('shows a text up to the cap whole, and a longer one cut there with the count left out', () => {
    const whole = 'x'.repeat(SHOWN_CHARS);
    expect(shownText(whole)).toBe(whole);
    const cut = shownText('y'.repeat(SHOWN_CHARS + 1234));
    expect(cut).toBe(`${'y'.repeat(SHOWN_CHARS)}\n… 1,234 more characters (the whole body is in report.json)`);
  });

  it('never cuts inside a surrogate pair', () => {
    // Arrange: an astral character whose high surrogate is the last character under the cap.
    const text = `${'a'.repeat(SHOWN_CHARS - 1)}😀${'b'.repeat(10)}`;
    // Act
    const shown = shownText(text).split('\n')[0];
    // Assert
    expect(shown).toBe('a'.repeat(SHOWN_CHARS - 1));
    expect(shown.isWellFormed()).toBe(true);
  });

  it('gives a curl line over the cap up for the replay command of its failure or problem', () => {
    expect(tooLongToShow('c'.repeat(SHOWN_CHARS))).toBe(false);
    expect(tooLongToShow('c'.repeat(SHOWN_CHARS + 1))).toBe(true);
    expect(replayInstead('F510', 100334)[1]).toBe('npx conformance replay report.json --failure F510');
    expect(replayInstead('P2', 100334, 'out/report.json')).toEqual([
      'the curl line is 100,334 characters long, too long to show: replay the request from report.json, where the run ran',
      'npx conformance replay out/report.json --problem P2',
    ]);
  });
});
