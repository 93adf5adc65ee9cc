/** The real-speech corpus's index lines and manifest (training/CORPUS-FORMAT.md, "Real speech"). */
import type { PhoneSpan } from '../corpus/phoneMap';
import type { AugmentParams } from '../corpus/augment';
import type { Manifest } from '../corpus/shards';
import type { RealFamily, RealSplit } from './split';

export interface RealIndexEntry {
  readonly id: string;
  readonly sourceId: string;
  readonly copy: number;
  readonly shard: number;
  readonly frameOffset: number;
  readonly frames: number;
  readonly family: RealFamily;
  readonly split: RealSplit;
  readonly accent: 'us' | 'gb';
  /** The words as spoken (normalised). */
  readonly text: string;
  /** The package's own transcript line. */
  readonly rawText: string;
  /** The alignment check's result (failing ones appear only outside the training split). */
  readonly alignment: { readonly ok: true; readonly scorePerFrame: number } | { readonly ok: false; readonly reason: string };
  readonly phones: readonly PhoneSpan[];
  readonly augmentation: { readonly kind: string; readonly seed: number; readonly params: AugmentParams };
  readonly durationSeconds: number;
  /** The 16 kHz clean recording, relative to the corpus folder. */
  readonly audio: string;
}

/** manifest.json of the real corpus: the synthetic corpus's fields, without its recipe hash and per-family table. */
export interface RealManifest extends Omit<Manifest, 'recipeHash' | 'families'> {
  readonly kind: 'real';
  readonly alignmentRule: Readonly<Record<string, number>>;
  readonly recordings: number;
}
