/**
 * Minimal pairs: where the target and its partner differ, and how the combined pair evidence
 * (`combinePairEvidence`, see judgeAttempt.ts) overrides the GOP verdict of that phone.
 */
import type { Phone } from '../model/phones';
import type { PairVerdict } from './pairEvidence';
import { utteranceScore } from './score';
import type { AssessResult, PhoneAssessment, WordAssessment } from './types';

/** The phone that makes the pair: its word, its position among the word's expected phones, and the partner's phone there. */
export interface PairFocus {
  readonly word: number;
  readonly index: number;
  readonly phone: string;
  readonly partnerPhone: string;
}

/** First position where target and partner phones differ (word by word); null when their shapes differ. */
export function pairFocus(phones: readonly (readonly string[])[], partnerPhones: readonly (readonly string[])[]): PairFocus | null {
  if (phones.length !== partnerPhones.length) return null;
  for (let w = 0; w < phones.length; w++) {
    if (phones[w].length !== partnerPhones[w].length) return null;
    for (let i = 0; i < phones[w].length; i++) {
      if (phones[w][i] !== partnerPhones[w][i]) return { word: w, index: i, phone: phones[w][i], partnerPhone: partnerPhones[w][i] };
    }
  }
  return null;
}

/**
 * The result with the focus phone's verdict set by the combined judgement (`combinePairEvidence`):
 * ok → ok, score at least 60 (the calibrated threshold's score); unsure → unsure, heard as the
 * partner's phone, score below 60; mispronounced → heard as the partner's phone where the pair
 * evidence points to it (else what the GOP heard), score at most 100·pOk. Word and utterance scores follow (word: mean of
 * its phones).
 */
export function applyPairJudgement(result: AssessResult, focus: PairFocus, combined: { pOk: number; verdict: PairVerdict; pair?: PairVerdict }): AssessResult {
  const words: WordAssessment[] = result.words.map((word, w) => {
    if (w !== focus.word) return word;
    let expectedIndex = -1;
    const phones: PhoneAssessment[] = word.phones.map((p) => {
      if (p.verdict === 'inserted') return p;
      expectedIndex++;
      if (expectedIndex !== focus.index || p.verdict === 'missing') return p;
      const partner = focus.partnerPhone as Phone;
      if (combined.verdict === 'ok') return { ...p, verdict: 'ok', heard: null, score: Math.max(p.score, 60) };
      if (combined.verdict === 'unsure') return { ...p, verdict: 'unsure', heard: partner, score: Math.min(p.score, 59, Math.round(100 * combined.pOk)) };
      // The partner's phone where the pair evidence points to it; the GOP's own competitor where only the GOP rejected.
      const heard = combined.pair === 'mispronounced' || !p.heard ? partner : p.heard;
      return { ...p, verdict: 'mispronounced', heard, score: Math.min(p.score, Math.round(100 * combined.pOk)) };
    });
    const score = Math.round(phones.reduce((s, p) => s + p.score, 0) / Math.max(1, phones.length));
    return { ...word, phones, score };
  });
  return { ...result, words, score: utteranceScore(words) };
}
