import { describe, expect, it } from 'vitest';
import { terminalLine } from '../../../engine/cli/io.js';

describe('terminal output', () => {
  it('shows control characters in scenario names and ids as \\xNN, so they cannot move the cursor or clear the screen', () => {
    expect(terminalLine('name \u001b[2J\u001b]0;owned\u0007 end')).toBe('name \\x1b[2J\\x1b]0;owned\\x07 end\n');
    expect(terminalLine('\u009b31m red')).toBe('\\x9b31m red\n');
  });

  it('keeps newlines, tabs and every printable character, and ends the line once', () => {
    expect(terminalLine('a\tb\nc — ü ✓')).toBe('a\tb\nc — ü ✓\n');
    expect(terminalLine('done\n')).toBe('done\n');
  });
});
