/**
 * Prompt transcripts → the words as spoken. The Asterisk prompts' text is written for reading
 * ("press 1", "followed by #", "A.M.", "[ascending tones]"); the aligner needs what the voice says.
 * Returns null for a prompt with no speech in it (tones, beeps, silence).
 */

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** A cardinal number below 1 000 in words ("five hundred", "twenty eight"). */
export function numberWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1000) throw new RangeError(`numberWords: ${n} is outside 0–999`);
  if (n < 20) return ONES[n];
  if (n < 100) return n % 10 === 0 ? TENS[n / 10] : `${TENS[Math.floor(n / 10)]} ${ONES[n % 10]}`;
  const rest = n % 100;
  return `${ONES[Math.floor(n / 100)]} hundred${rest ? ` ${numberWords(rest)}` : ''}`;
}

/** How a written number is read in a voice prompt: up to three digits as a number, longer ones digit by digit. */
function readNumber(digits: string): string {
  if (digits.length <= 3) return numberWords(Number(digits));
  return [...digits].map((d) => ONES[Number(d)]).join(' ');
}

/** Symbols read aloud in the prompts. */
const SYMBOLS: Readonly<Record<string, string>> = { '#': ' pound ', '*': ' star ', '&': ' and ', '%': ' percent ', '@': ' at ', '+': ' plus ', '=': ' equals ' };

/** Misspellings in the package's text, read as the word the voice says. */
const SPELLING: Readonly<Record<string, string>> = { umute: 'unmute', represenatives: 'representatives', indentified: 'identified', witheld: 'withheld', fourtieth: 'fortieth', exclaimation: 'exclamation', www: 'w w w' };

/** Letters spelt out as names when written as an abbreviation ("A.M.", "IAX", "3D"). */
const ABBREVIATIONS: readonly (readonly [RegExp, string])[] = [
  [/\bA\.M\./gi, ' a m '],
  [/\bP\.M\./gi, ' p m '],
  [/\bIAX\b/g, ' i a x '],
  [/\bPBX\b/g, ' p b x '],
  [/\bIVR\b/g, ' i v r '],
  [/\bH\.323\b/g, ' h three two three '],
  [/\b3D\b/g, ' three d '],
  [/\bIP\b/g, ' i p '],
];

export function normaliseTranscript(raw: string): string | null {
  let text = raw
    .replace(/\[[^\]]*\]?/g, ' ') // [ascending tones], [@]
    .replace(/<[^>]*>?/g, ' ') // <beep ascending>
    .replace(/\([^)]*\)/g, ' '); // (silence)
  for (const [pattern, spoken] of ABBREVIATIONS) text = text.replace(pattern, spoken);
  text = text.replace(/(\d+)\.(\d+)/g, (_, a: string, b: string) => ` ${readNumber(a)} point ${[...b].map((d) => ONES[Number(d)]).join(' ')} `);
  text = text.replace(/\d+/g, (d) => ` ${readNumber(d)} `);
  text = text.replace(/[#*&%@+=]/g, (s) => SYMBOLS[s]);
  text = text
    .replace(/[-–—/_]/g, ' ')
    .replace(/[^\p{L}\s']/gu, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .map((w) => SPELLING[w] ?? w)
    .join(' ');
  return text.length > 0 ? text : null;
}
