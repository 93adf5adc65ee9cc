/** The phone model: loading with metadata checks, backend choice, frame posteriors (browser and Node). */
export { activeBackend, BROWSER_CANDIDATES, configureBackends, DEFAULT_BROWSER_WASM_PATH, NODE_CANDIDATES, selectBackend, useBackend, type BackendChoice, type BackendSettings, type SelectBackendOptions } from './backend';
export { FineTuneError, ModelError, type FineTuneErrorCode, type ModelErrorCode } from './errors';
export { checkMetadata, featureConfigDifferences, parseMetadata } from './metadata';
export { createPhoneModel, memoryIOHandler } from './phoneModel';
export { isPhone, isVowel, PHONE_COUNT, PHONES, phoneIndex, SIL_INDEX, type Phone } from './phones';
export type { BackendName, CreatePhoneModelOptions, ModelFiles, ModelMetadata, ModelSource, PhoneModel, Posteriors } from './types';
export { applyHeadWeights, DEFAULT_FINETUNE_OPTIONS, fineTuneHead, headStart, readHeadWeights, shouldAdopt, splitClips } from './finetune';
export type { ClipJudge, FineTuneOptions, FineTuneProgress, FineTuneResult, FineTuneSettings, FineTuneStage, FrameLabeller, HeadEvaluation, HeadWeights, TuningClip } from './finetune';
