import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from '../dsp';
import { ModelError } from './errors';
import { PHONES } from './phones';
import type { ModelMetadata } from './types';

const FEATURE_KEYS = Object.keys(DEFAULT_FEATURE_CONFIG) as (keyof FeatureConfig)[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates the shape of a parsed `metadata.json`; throws MODEL_LOAD_FAILED naming the bad field. */
export function parseMetadata(json: unknown): ModelMetadata {
  const bad = (field: string, expected: string, found: unknown): never => {
    throw new ModelError('MODEL_LOAD_FAILED', `metadata.json: "${field}" should be ${expected}, found ${JSON.stringify(found)}. Re-export the model with training/model/export.py.`, { field });
  };
  if (!isRecord(json)) bad('(root)', 'an object', json);
  const m = json as Record<string, unknown>;
  if (typeof m.version !== 'string') bad('version', 'a string', m.version);
  if (!Array.isArray(m.phones) || !m.phones.every((p) => typeof p === 'string')) bad('phones', 'an array of strings', m.phones);
  if (!isRecord(m.featureConfig)) bad('featureConfig', 'an object', m.featureConfig);
  if (typeof m.normalisation !== 'string') bad('normalisation', 'a string', m.normalisation);
  const context = m.context;
  if (!isRecord(context) || typeof context.left !== 'number' || typeof context.right !== 'number') bad('context', '{left, right} in frames', context);
  if (typeof m.recipeHash !== 'string') bad('recipeHash', 'a string', m.recipeHash);
  if (!isRecord(m.corpus)) bad('corpus', 'an object', m.corpus);
  if (!isRecord(m.evaluation)) bad('evaluation', 'an object', m.evaluation);
  if (typeof m.created !== 'string') bad('created', 'an ISO date string', m.created);
  return m as unknown as ModelMetadata;
}

/** Names of the feature-config fields whose values differ (keys of the app's config, plus unknown extras). */
export function featureConfigDifferences(model: Record<string, unknown>, app: FeatureConfig): string[] {
  const keys = new Set<string>([...FEATURE_KEYS, ...Object.keys(model)]);
  return [...keys].filter((key) => model[key] !== (app as unknown as Record<string, unknown>)[key]);
}

/**
 * Checks that a model fits the app: same feature config, same phone list, per-band normalisation.
 * Throws MODEL_MISMATCH naming every differing field with both values.
 */
export function checkMetadata(metadata: ModelMetadata, app: { featureConfig?: FeatureConfig; phones?: readonly string[] } = {}): void {
  const featureConfig = app.featureConfig ?? DEFAULT_FEATURE_CONFIG;
  const phones = app.phones ?? PHONES;
  const model = metadata.featureConfig as unknown as Record<string, unknown>;
  const differing = featureConfigDifferences(model, featureConfig);
  if (differing.length > 0) {
    const detail = differing.map((k) => `${k}: model ${JSON.stringify(model[k])}, app ${JSON.stringify((featureConfig as unknown as Record<string, unknown>)[k])}`).join('; ');
    throw new ModelError(
      'MODEL_MISMATCH',
      `The phone model was trained on different features than the app computes (${detail}). Use a model exported for this app version, or retrain it (npm run train).`,
      { fields: differing },
    );
  }
  const samePhones = metadata.phones.length === phones.length && metadata.phones.every((p, i) => p === phones[i]);
  if (!samePhones) {
    const firstDiff = metadata.phones.findIndex((p, i) => p !== phones[i]);
    const at = firstDiff >= 0 ? firstDiff : Math.min(metadata.phones.length, phones.length);
    throw new ModelError(
      'MODEL_MISMATCH',
      `The phone model's classes differ from the app's: expected ${phones.length} phones (${phones.join(' ')}), found ${metadata.phones.length} (${metadata.phones.join(' ')}); first difference at index ${at}. Use a model exported for this app version.`,
      { fields: ['phones'], index: at },
    );
  }
  if (metadata.normalisation !== 'per-band') {
    throw new ModelError('MODEL_MISMATCH', `The phone model expects "${metadata.normalisation}" normalisation; the app applies "per-band".`, { fields: ['normalisation'] });
  }
}
