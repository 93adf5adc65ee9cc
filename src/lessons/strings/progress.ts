/**
 * Strings of the progress panel (streaks, what to practise next, sounds over time), in English and
 * Brazilian Portuguese. Both tables have the same keys: a key missing from one is a type error.
 */
import type { TipLanguage } from '../tips';

const EN = {
  title: 'Your progress',
  empty: 'Your assessed attempts will show up here: your streak, the sounds to work on and how they improve.',
  streak: 'Practice streak',
  streakDays: (n: number) => (n === 1 ? '1 day' : `${n} days`),
  streakBest: (n: number) => `best ${n === 1 ? '1 day' : `${n} days`}`,
  streakToday: 'You have practised today.',
  streakKeep: 'Practise today to keep your streak going.',
  streakStart: 'Assess one attempt today to start a streak.',
  nextTitle: 'Practise next',
  dueTitle: 'Due today',
  dueSound: (sound: string, lesson: string) => `${sound} — ${lesson}`,
  dueLapses: (n: number) => (n === 1 ? 'missed once' : `missed ${n} times`),
  dueDrill: (item: string) => `Drill “${item}”`,
  dueNone: 'Nothing due today: the sounds you found hard come back here when it is time to practise them again.',
  reason_weak: (score: number) => `needs work (recent score ${score})`,
  reason_new: () => 'not practised yet',
  reason_review: (score: number) => `going well (recent score ${score}) — keep it fresh`,
  practise: 'Practise',
  practiseLesson: (title: string) => `Practise the lesson “${title}”`,
  chartTitle: 'Sounds over time',
  chartPhone: 'Sound',
  chartPhoneOption: (phone: string, score: number) => `${phone} (average ${score})`,
  chartSummary: (phone: string, points: string) => `Daily average score of ${phone}, 0 to 100: ${points}.`,
  patternsTitle: 'Lessons, weakest first',
  attempts: (n: number) => (n === 1 ? '1 attempt' : `${n} attempts`),
  average: 'average',
} as const;

type Strings = typeof EN;
/** The same keys and shapes as the English table, each value typed by its English counterpart. */
export type ProgressStrings = { readonly [K in keyof Strings]: Strings[K] extends (...args: infer A) => string ? (...args: A) => string : string };

const PT: ProgressStrings = {
  title: 'Seu progresso',
  empty: 'Suas tentativas avaliadas aparecem aqui: sua sequência de dias, os sons a trabalhar e como eles melhoram.',
  streak: 'Sequência de prática',
  streakDays: (n) => (n === 1 ? '1 dia' : `${n} dias`),
  streakBest: (n) => `recorde ${n === 1 ? '1 dia' : `${n} dias`}`,
  streakToday: 'Você já praticou hoje.',
  streakKeep: 'Pratique hoje para manter a sequência.',
  streakStart: 'Faça uma tentativa avaliada hoje para começar uma sequência.',
  nextTitle: 'Pratique a seguir',
  dueTitle: 'Para revisar hoje',
  dueSound: (sound, lesson) => `${sound} — ${lesson}`,
  dueLapses: (n) => (n === 1 ? 'errou 1 vez' : `errou ${n} vezes`),
  dueDrill: (item) => `Treinar “${item}”`,
  dueNone: 'Nada para revisar hoje: os sons que foram difíceis voltam aqui quando for hora de praticá-los de novo.',
  reason_weak: (score) => `precisa de atenção (nota recente ${score})`,
  reason_new: () => 'ainda não praticado',
  reason_review: (score) => `indo bem (nota recente ${score}) — revise para não esquecer`,
  practise: 'Praticar',
  practiseLesson: (title) => `Praticar a lição “${title}”`,
  chartTitle: 'Sons ao longo do tempo',
  chartPhone: 'Som',
  chartPhoneOption: (phone, score) => `${phone} (média ${score})`,
  chartSummary: (phone, points) => `Nota média diária de ${phone}, de 0 a 100: ${points}.`,
  patternsTitle: 'Lições, das mais fracas às mais fortes',
  attempts: (n) => (n === 1 ? '1 tentativa' : `${n} tentativas`),
  average: 'média',
};

const TABLES: Readonly<Record<TipLanguage, ProgressStrings>> = { en: EN, 'pt-BR': PT };

/** The progress panel's strings in `language`. */
export function progressStrings(language: TipLanguage): ProgressStrings {
  return TABLES[language];
}
