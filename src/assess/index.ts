/** Assessment: expected phones, forced alignment, GOP scoring, verdicts, the judgement of an attempt. Pure functions over posteriors. */
export { DEFAULT_CALIBRATION_OPTIONS, fitCalibration, fitContrastMargins, fitThreshold, phoneClass, type CalibrationOptions, type GopSample, type ThresholdFit } from './calibrate';
export { compareWithReferences, posteriorgramDistance, REFERENCE_SHARPNESS, type Posteriorgram, type ReferenceJudgement } from './referenceCompare';
export { createAssessor, expectedWords, levelWarnings, MAX_ASSESS_SECONDS } from './assess';
export type { AssessDetails, AssessRequest, Assessor, AssessorOptions, FramePosteriors, PhoneClassifier } from './assess';
export { AssessError, type AssessErrorCode } from './errors';
export { ACOUSTIC_PAIR_SHARPNESS, judgeAttempt, posteriorgramOf, type JudgeContext, type JudgeRequest, type Judgement, type PairOutcome, type PairReferences, type PairRequest } from './judgeAttempt';
export { combinePairEvidence, gopProbability, PAIR_UNSURE_BAND, type PairVerdict } from './pairEvidence';
export { applyPairJudgement, pairFocus, type PairFocus } from './pairJudgement';
export { buildAlignGraph, DEFAULT_ALIGN_OPTIONS, takesEpenthesis, viterbiAlign } from './forcedAlign';
export type { AlignGraph, AlignOptions, AlignUnit, Alignment, ExpectedWord } from './forcedAlign';
export { createLexicon, parsePhones, splitWords, type Lexicon, type Pronunciation } from './lexicon';
export { boundarySeconds, CONTRAST_PARTNERS, contrastLlr, goodnessOfPronunciation, gopScore, scoreAlignment, utteranceScore, type PhoneMeasurement } from './score';
export type { AssessFailure, AssessResult, AssessWarning, Calibration, PhoneAssessment, Verdict, WordAssessment } from './types';
export { clearStageTimings, COMMIT_MARK, measureStage, PRACTICE_STAGES, STOP_MARK, STOP_TO_VERDICT, type PracticeStage } from './timing';
export { fuseEvidence, fusesSecondModel, type FusionSettings, type PhoneEvidenceSource } from './fusion';
