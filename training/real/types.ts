/** The real-speech corpus's index lines and manifest (training/CORPUS-FORMAT.md, "Real speech"). */
import type { PhoneSpan } from '../corpus/phoneMap';
import type { AugmentParams } from '../corpus/augment';
import type { IndexEntry, Manifest } from '../corpus/shards';
import type { RealFamily, RealSplit } from './split';

/** One index line of the real corpus: the corpus's own fields where they mean the same, and its real-speech ones. */
export interface RealIndexEntry extends Pick<IndexEntry, 'id' | 'sourceId' | 'copy' | 'shard' | 'frameOffset' | 'frames' | 'durationSeconds'> {
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
  /** The 16 kHz clean recording, relative to the corpus folder. */
  readonly audio: string;
}

export interface RealManifest extends Omit<Manifest, 'recipeHash' | 'families'> {
  readonly kind: 'real';
  readonly alignmentRule: Readonly<Record<string, number>>;
  readonly recordings: number;
}
