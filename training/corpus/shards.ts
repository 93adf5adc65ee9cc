/**
 * The corpus on disk (training/CORPUS-FORMAT.md): per shard `shard-NNNN.f32` (raw, un-normalised
 * log-mel, float32 little-endian, 64 per frame, examples concatenated) and `shard-NNNN.u8` (one phone
 * index per frame); `index.jsonl` (one `IndexEntry` per example) and `manifest.json`.
 * This module writes shards and reads them back (Node); the trainer reads the same files with numpy.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Phone } from '../../src/model/phones';
import type { AugmentParams } from './augment';
import type { Contrast, Family, UtteranceSet, Variant, VoiceSettings } from './types';
import type { Engine } from './phoneMap';

/** Mel bands per frame in the shards. */
export const SHARD_BANDS = 64;

/** A word of an example with its span (seconds, on the example's own time axis). */
export interface IndexWord {
  readonly word: string;
  readonly start: number;
  readonly end: number;
  /** CMUdict pronunciations (stress removed): what a listener expects. */
  readonly expected: readonly (readonly Phone[])[];
  /** The phones actually spoken in this word. */
  readonly said: readonly Phone[];
}

/** One labelled phone interval. */
export interface IndexPhone {
  readonly phone: Phone;
  readonly start: number;
  readonly end: number;
}

/** One line of index.jsonl: one example (a clean source or an augmented copy of it). */
export interface IndexEntry {
  readonly id: string;
  /** The source utterance: the clean example and its augmented copies share it. */
  readonly sourceId: string;
  /** 0 for the clean example, 1… for augmented copies. */
  readonly copy: number;
  readonly shard: number;
  /** First frame of the example in its shard. */
  readonly frameOffset: number;
  readonly frames: number;
  readonly family: Family;
  readonly engine: Engine;
  readonly voice: string;
  readonly settings: VoiceSettings;
  readonly set: UtteranceSet;
  readonly contrast: readonly Contrast[];
  readonly text: string;
  readonly words: readonly IndexWord[];
  readonly phones: readonly IndexPhone[];
  readonly variant: Variant | null;
  readonly augmentation: { readonly kind: string; readonly seed: number; readonly params: AugmentParams };
  readonly durationSeconds: number;
  /** The clean source's audio (16-bit WAV at the engine's rate), relative to the corpus folder. */
  readonly audio: string;
  readonly sourceRateHz: number;
}

/** manifest.json. */
export interface Manifest {
  readonly format: 'sotaque-corpus';
  readonly version: 1;
  readonly recipeHash: string;
  readonly smoke: boolean;
  readonly created: string;
  readonly buildSeconds: number;
  readonly featureConfig: unknown;
  readonly phones: readonly string[];
  readonly bands: number;
  readonly shards: number;
  readonly examples: number;
  readonly sources: number;
  readonly frames: number;
  readonly families: Readonly<Record<string, { examples: number; sources: number; frames: number; sourceSeconds: number; seconds: number }>>;
  readonly dropped: readonly { id: string; reason: string }[];
}

/** `shard-0007` for shard 7. */
export function shardName(shard: number): string {
  return `shard-${String(shard).padStart(4, '0')}`;
}

/** Appends examples to one shard's two files; `commit()` renames them into place. */
export class ShardWriter {
  private readonly features: number;
  private readonly labels: number;
  private frames = 0;
  private closed = false;

  constructor(
    private readonly dir: string,
    readonly shard: number,
  ) {
    this.features = openSync(this.tmpPath('.f32'), 'w');
    this.labels = openSync(this.tmpPath('.u8'), 'w');
  }

  private tmpPath(ext: string): string {
    return join(this.dir, `${shardName(this.shard)}${ext}.partial`);
  }

  /** Writes one example; returns its first frame in the shard. */
  append(features: Float32Array, labels: Uint8Array): number {
    const frames = labels.length;
    if (features.length !== frames * SHARD_BANDS) throw new RangeError(`shard ${this.shard}: ${features.length} feature values for ${frames} frames of ${SHARD_BANDS} bands`);
    writeSync(this.features, new Uint8Array(features.buffer, features.byteOffset, features.byteLength));
    writeSync(this.labels, labels);
    const offset = this.frames;
    this.frames += frames;
    return offset;
  }

  /** Frames written so far. */
  get frameCount(): number {
    return this.frames;
  }

  /** Closes the files and moves them to their final names. */
  commit(): void {
    this.close();
    renameSync(this.tmpPath('.f32'), join(this.dir, `${shardName(this.shard)}.f32`));
    renameSync(this.tmpPath('.u8'), join(this.dir, `${shardName(this.shard)}.u8`));
  }

  /** Closes the files without committing them. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.features);
    closeSync(this.labels);
  }
}

/** The examples of a corpus folder, in index order. */
export function readIndex(dir: string): IndexEntry[] {
  return readFileSync(join(dir, 'index.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as IndexEntry);
}

/** manifest.json of a corpus folder, or null when there is none. */
export function readManifest(dir: string): Manifest | null {
  const path = join(dir, 'manifest.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Manifest) : null;
}

/** The raw log-mel (frames × 64, row-major) and frame labels of one example. */
export function readExample(dir: string, entry: Pick<IndexEntry, 'shard' | 'frameOffset' | 'frames'>): { features: Float32Array; labels: Uint8Array } {
  const base = join(dir, shardName(entry.shard));
  const features = new Float32Array(entry.frames * SHARD_BANDS);
  const labels = new Uint8Array(entry.frames);
  const f = openSync(`${base}.f32`, 'r');
  try {
    readSync(f, new Uint8Array(features.buffer), 0, features.byteLength, entry.frameOffset * SHARD_BANDS * 4);
  } finally {
    closeSync(f);
  }
  const l = openSync(`${base}.u8`, 'r');
  try {
    readSync(l, labels, 0, labels.length, entry.frameOffset);
  } finally {
    closeSync(l);
  }
  return { features, labels };
}
