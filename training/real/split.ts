/**
 * The real-speech splits of CONTRACTS.md. Asterisk is one voice, so it is held out by prompt: a
 * SHA-256 of the prompt's name (its path under the sounds folder, without extension) places it in
 * train (≈ 70%), calibration (≈ 15%) or dev (≈ 15%). Tux Paint's speakers are evaluation only.
 */
import { createHash } from 'node:crypto';

export const REAL_FAMILIES = ['real-asterisk', 'real-tuxpaint'] as const;
export type RealFamily = (typeof REAL_FAMILIES)[number];

export const REAL_SPLITS = ['train', 'calibration', 'dev', 'eval'] as const;
export type RealSplit = (typeof REAL_SPLITS)[number];

/** Upper bounds of the hash fraction for train and calibration; the rest is dev. */
export const ASTERISK_SPLIT_BOUNDS = { train: 0.7, calibration: 0.85 } as const;

/** The hash fraction in [0, 1) of a prompt name. */
export function promptFraction(name: string): number {
  return createHash('sha256').update(name).digest().readUInt32BE(0) / 2 ** 32;
}

export function asteriskSplit(name: string): Exclude<RealSplit, 'eval'> {
  const f = promptFraction(name);
  if (f < ASTERISK_SPLIT_BOUNDS.train) return 'train';
  if (f < ASTERISK_SPLIT_BOUNDS.calibration) return 'calibration';
  return 'dev';
}

export function splitOf(family: RealFamily, name: string): RealSplit {
  return family === 'real-tuxpaint' ? 'eval' : asteriskSplit(name);
}
