import { describe, expect, it } from 'vitest';
import { normaliseTranscript, numberWords } from './normalise';

describe('numberWords', () => {
  it('reads cardinals below a thousand', () => {
    expect(numberWords(0)).toBe('zero');
    expect(numberWords(13)).toBe('thirteen');
    expect(numberWords(40)).toBe('forty');
    expect(numberWords(28)).toBe('twenty eight');
    expect(numberWords(500)).toBe('five hundred');
    expect(numberWords(612)).toBe('six hundred twelve');
    expect(() => numberWords(1000)).toThrow(RangeError);
  });
});

describe('normaliseTranscript', () => {
  it('reads digits, symbols and abbreviations as spoken', () => {
    expect(normaliseTranscript('Please press 1 to mute, or 8 to exit.')).toBe('please press one to mute or eight to exit');
    expect(normaliseTranscript('followed by # or just # to exit')).toBe('followed by pound or just pound to exit');
    expect(normaliseTranscript('press * to toggle pause')).toBe('press star to toggle pause');
    expect(normaliseTranscript('A.M.')).toBe('a m');
    expect(normaliseTranscript('3D audio enabled')).toBe('three d audio enabled');
    expect(normaliseTranscript('a 28.8 kilobit modem')).toBe('a twenty eight point eight kilobit modem');
    expect(normaliseTranscript('extension 1234')).toBe('extension one two three four');
  });
  it('keeps apostrophes, splits hyphenated words and drops bracketed notes', () => {
    expect(normaliseTranscript("I'm sorry, Call-Forward is off.")).toBe("i'm sorry call forward is off");
    expect(normaliseTranscript('at [@]')).toBe('at');
    expect(normaliseTranscript('"don\'t call" list')).toBe("don't call list");
  });
  it('gives null for prompts without speech', () => {
    expect(normaliseTranscript('[ascending tones]')).toBeNull();
    expect(normaliseTranscript('<beep ascending>')).toBeNull();
    expect(normaliseTranscript('(1 second of silence)')).toBeNull();
  });
});
