/**
 * Tips for the sounds Brazilian learners of English most often change, keyed by (expected, heard):
 * a short articulatory instruction in Brazilian Portuguese and in English, and a minimal pair to
 * practise. `findTip` falls back to a generic tip built from the two phones' descriptions.
 */

export type TipLanguage = 'pt-BR' | 'en';

/** The Brazilian patterns Sotaque teaches (one lesson pack each). */
export type PatternId = 'TH' | 'DH' | 'IH_IY' | 'AE_EH' | 'UH_UW' | 'AH_AA' | 'R_HH' | 'T_D_PALATAL' | 'FINAL_VOWEL';

export interface Tip {
  readonly pattern: PatternId | null;
  readonly expected: string;
  /** What was heard; 'VOWEL' for an inserted vowel. */
  readonly heard: string;
  readonly text: Readonly<Record<TipLanguage, string>>;
  /** Two words that differ in just this contrast: [target word, word the learner's version sounds like]. */
  readonly minimalPair: readonly [string, string] | null;
}

type TipEntry = Omit<Tip, 'expected' | 'heard'>;

const TH_TIP_PT = 'Coloque a ponta da língua entre os dentes (ou logo atrás dos de cima) e sopre o ar devagar, sem encostar a língua com força.';
const TH_TIP_EN = 'Put the tip of your tongue between your teeth (or just behind the top ones) and blow air gently past it, without pressing.';
const DH_TIP_PT = 'Mesma posição do "th" de "think" — língua entre os dentes — mas com a voz ligada: a língua deve vibrar levemente.';
const DH_TIP_EN = 'Same place as the "th" in "think" — tongue between the teeth — but with your voice on: you should feel a light buzz.';

const CATALOGUE: Record<string, TipEntry> = {
  'TH>T': { pattern: 'TH', text: { 'pt-BR': `Saiu um "t". ${TH_TIP_PT} O ar não para: é um som contínuo, não uma batida.`, en: `That came out as "t". ${TH_TIP_EN} The air keeps flowing: it is a continuous sound, not a tap.` }, minimalPair: ['three', 'tree'] },
  'TH>F': { pattern: 'TH', text: { 'pt-BR': `Saiu um "f". ${TH_TIP_PT} Os lábios ficam soltos; quem toca os dentes é a língua, não o lábio de baixo.`, en: `That came out as "f". ${TH_TIP_EN} Keep your lips relaxed: the tongue touches the teeth, not the lower lip.` }, minimalPair: ['three', 'free'] },
  'TH>S': { pattern: 'TH', text: { 'pt-BR': `Saiu um "s". ${TH_TIP_PT} A língua vem para a frente, até os dentes — não fica atrás deles como no "s".`, en: `That came out as "s". ${TH_TIP_EN} Bring the tongue forward to the teeth — not behind them as for "s".` }, minimalPair: ['think', 'sink'] },
  'DH>D': { pattern: 'DH', text: { 'pt-BR': `Saiu um "d". ${DH_TIP_PT} Não bata a língua no céu da boca.`, en: `That came out as "d". ${DH_TIP_EN} Don't tap the tongue on the roof of your mouth.` }, minimalPair: ['then', 'den'] },
  'DH>Z': { pattern: 'DH', text: { 'pt-BR': `Saiu um "z". ${DH_TIP_PT} A língua vai até os dentes, não fica atrás deles.`, en: `That came out as "z". ${DH_TIP_EN} The tongue reaches the teeth instead of staying behind them.` }, minimalPair: ['breathe', 'breeze'] },
  'DH>V': { pattern: 'DH', text: { 'pt-BR': `Saiu um "v". ${DH_TIP_PT}`, en: `That came out as "v". ${DH_TIP_EN}` }, minimalPair: ['that', 'vat'] },
  'IH>IY': { pattern: 'IH_IY', text: { 'pt-BR': 'Saiu um "i" longo, como em português. O som de "ship" é curto e relaxado: abra um pouco a boca e não estique os lábios — fica entre "i" e "ê".', en: 'That was a long "ee". The vowel in "ship" is short and relaxed: open your mouth a little and don\'t spread your lips — between "ee" and "e".' }, minimalPair: ['ship', 'sheep'] },
  'IY>IH': { pattern: 'IH_IY', text: { 'pt-BR': 'Saiu curto demais. O som de "sheep" é um "i" longo e tenso: estique os lábios num sorriso e segure o som.', en: 'That was too short. The vowel in "sheep" is a long, tense "ee": spread your lips in a smile and hold it.' }, minimalPair: ['sheep', 'ship'] },
  'AE>EH': { pattern: 'AE_EH', text: { 'pt-BR': 'Saiu um "é". Para o som de "bad", abra bem a boca e abaixe o queixo, com a língua baixa e para a frente — quase um "é" misturado com "a".', en: 'That was "e" as in "bed". For "bad", drop your jaw and open wide, tongue low and forward — halfway between "e" and "a".' }, minimalPair: ['bad', 'bed'] },
  'EH>AE': { pattern: 'AE_EH', text: { 'pt-BR': 'Abriu demais. O som de "bed" é um "é" médio: queixo menos aberto.', en: 'Too open. The vowel in "bed" is a mid "e": don\'t drop the jaw as far.' }, minimalPair: ['bed', 'bad'] },
  'UH>UW': { pattern: 'UH_UW', text: { 'pt-BR': 'Saiu um "u" longo. O som de "full" é curto e relaxado: lábios pouco arredondados, língua mais solta.', en: 'That was a long "oo". The vowel in "full" is short and relaxed: round your lips only a little.' }, minimalPair: ['full', 'fool'] },
  'UW>UH': { pattern: 'UH_UW', text: { 'pt-BR': 'Saiu curto demais. O som de "fool" é um "u" longo: arredonde bem os lábios e segure o som.', en: 'Too short. The vowel in "fool" is a long "oo": round your lips well and hold it.' }, minimalPair: ['fool', 'full'] },
  'AH>AA': { pattern: 'AH_AA', text: { 'pt-BR': 'Saiu um "á" aberto. O som de "cut" é curto e central, como o "a" fechado de "cama": boca meio aberta, relaxada.', en: 'That was an open "ah". The vowel in "cut" is short and central: mouth half open and relaxed.' }, minimalPair: ['cut', 'cot'] },
  'AA>AH': { pattern: 'AH_AA', text: { 'pt-BR': 'Saiu fechado demais. O som de "cot" é um "á" bem aberto, com a língua baixa e para trás.', en: 'Too closed. The vowel in "cot" is an open "ah", tongue low and back.' }, minimalPair: ['cot', 'cut'] },
  'R>HH': { pattern: 'R_HH', text: { 'pt-BR': 'Saiu um "rr" de "carro", que em inglês soa como "h". O "r" inglês não raspa a garganta: curve a ponta da língua para trás, sem tocar em nada, e arredonde um pouco os lábios.', en: 'That was the Portuguese "rr", which sounds like "h" in English. The English "r" doesn\'t scrape the throat: curl the tongue tip back without touching anything, lips slightly rounded.' }, minimalPair: ['right', 'height'] },
  'HH>R': { pattern: 'R_HH', text: { 'pt-BR': 'Aqui é só um sopro leve, como quando você embaça um espelho — sem língua enrolada.', en: 'This is just a light breath, as when you fog up a mirror — no curled tongue.' }, minimalPair: ['height', 'right'] },
  'T>CH': { pattern: 'T_D_PALATAL', text: { 'pt-BR': 'Saiu "tch", como em "tia" no sotaque carioca. Antes de "i", o "t" inglês continua um "t" seco: ponta da língua atrás dos dentes de cima, sem chiado.', en: 'That was "ch", as Brazilians say "tia". Before "ee", the English "t" stays a clean "t": tongue tip behind the top teeth, no hiss.' }, minimalPair: ['tip', 'chip'] },
  'D>JH': { pattern: 'T_D_PALATAL', text: { 'pt-BR': 'Saiu "dj", como em "dia". Antes de "i", o "d" inglês continua um "d" limpo: ponta da língua atrás dos dentes de cima, sem chiado.', en: 'That was "j", as Brazilians say "dia". Before "ee", the English "d" stays a clean "d": tongue tip behind the top teeth, no buzz.' }, minimalPair: ['deep', 'jeep'] },
  'FINAL>VOWEL': { pattern: 'FINAL_VOWEL', text: { 'pt-BR': 'Você acrescentou uma vogal no fim ("bigui" em vez de "big"). Em inglês a palavra pode terminar em consoante: feche o som e pare — não solte a voz depois.', en: 'You added a vowel at the end ("bigee" for "big"). English words can end on a consonant: close the sound and stop — don\'t release a vowel after it.' }, minimalPair: null },
};

/** Articulatory description of each phone, for the generic tip. */
const DESCRIPTIONS: Record<string, Readonly<Record<TipLanguage, string>>> = {
  TH: { 'pt-BR': '"th" de "think" (língua entre os dentes, sem voz)', en: '"th" as in "think" (tongue between the teeth, no voice)' },
  DH: { 'pt-BR': '"th" de "this" (língua entre os dentes, com voz)', en: '"th" as in "this" (tongue between the teeth, voiced)' },
  R: { 'pt-BR': '"r" inglês (ponta da língua curvada para trás)', en: 'English "r" (tongue tip curled back)' },
  HH: { 'pt-BR': '"h" (um sopro leve)', en: '"h" (a light breath)' },
  IH: { 'pt-BR': '"i" curto de "ship"', en: 'short "i" as in "ship"' },
  IY: { 'pt-BR': '"i" longo de "sheep"', en: 'long "ee" as in "sheep"' },
  AE: { 'pt-BR': '"a" aberto de "cat"', en: '"a" as in "cat"' },
  EH: { 'pt-BR': '"é" de "bed"', en: '"e" as in "bed"' },
  UH: { 'pt-BR': '"u" curto de "full"', en: 'short "u" as in "full"' },
  UW: { 'pt-BR': '"u" longo de "fool"', en: 'long "oo" as in "fool"' },
  AH: { 'pt-BR': '"â" curto de "cut"', en: 'short "u" as in "cut"' },
  AA: { 'pt-BR': '"á" aberto de "cot"', en: '"o" as in "cot"' },
};

function describe(phone: string, language: TipLanguage): string {
  return DESCRIPTIONS[phone]?.[language] ?? `/${phone}/`;
}

/** Key of an (expected, heard) pair in the catalogue; an inserted vowel is (FINAL, VOWEL). */
function keyOf(expected: string, heard: string): string {
  return `${expected}>${heard}`;
}

/**
 * The tip for a phone said as another one. `heard` is 'VOWEL' for an inserted final vowel. Patterns the
 * catalogue does not list get a generic tip naming both sounds.
 */
export function findTip(expected: string, heard: string): Tip {
  const entry = CATALOGUE[keyOf(expected, heard)] ?? (heard === 'VOWEL' ? CATALOGUE['FINAL>VOWEL'] : undefined);
  if (entry) return { expected, heard, ...entry };
  return {
    expected,
    heard,
    pattern: null,
    minimalPair: null,
    text: {
      'pt-BR': `Era para ser ${describe(expected, 'pt-BR')}, mas soou como ${describe(heard, 'pt-BR')}. Ouça a referência, devagar, e compare a posição da boca.`,
      en: `This should be ${describe(expected, 'en')}, but it sounded like ${describe(heard, 'en')}. Listen to the reference slowly and compare how the mouth moves.`,
    },
  };
}

/** The catalogue's own entries (expected, heard), e.g. for a test or a teacher's overview. */
export function catalogueEntries(): Tip[] {
  return Object.entries(CATALOGUE).map(([key, entry]) => {
    const [expected, heard] = key.split('>');
    return { expected, heard, ...entry };
  });
}
