import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fliteRendition, timedFrameLabels } from '../../training/teacher/flite';
import { logMelSpectrogram, normalise, resampleTo16k, trimSilence } from '../dsp';
import { lessonPacks } from '../lessons/packs';
import { createPhoneModelFromDir } from '../model/node';
import { phoneIndex } from '../model/phones';
import type { PhoneModel } from '../model';
import { alignedFrameLabels, itemWords, judgeRendition } from './teacherLabels';
import type { Calibration } from './types';

const SHIPPED = fileURLToPath(new URL('../../public/models/phones/', import.meta.url));
const calibration = JSON.parse(readFileSync(`${SHIPPED}calibration.json`, 'utf8')) as Calibration;
const pairs = lessonPacks()
  .flatMap((p) => p.items)
  .filter((i) => i.kind === 'pair')
  .slice(0, 6);

let model: PhoneModel;
beforeAll(async () => {
  model = await createPhoneModelFromDir(SHIPPED, { backend: 'wasm', warmUpFrames: 10 });
  await model.ensureLoaded();
});

async function analyse(text: string) {
  const r = fliteRendition('rms', text);
  const s16 = resampleTo16k(r.samples, r.sampleRateHz);
  const trim = trimSilence(s16);
  const logMel = logMelSpectrogram(s16.subarray(trim.start, trim.end));
  const posteriors = await model.posteriors(normalise(logMel));
  return { posteriors, truth: timedFrameLabels(r.phones, logMel.frames, trim.start / 16_000, phoneIndex) };
}

describe('teacher labels and judge', () => {
  it('labels frames by alignment mostly as the synthesiser timed them', async () => {
    let agree = 0;
    let frames = 0;
    for (const item of pairs) {
      const { posteriors, truth } = await analyse(item.text);
      const labels = alignedFrameLabels(posteriors, itemWords(item.text, item.phones));
      expect(labels).not.toBeNull();
      expect(labels!.length).toBe(posteriors.frames);
      for (let f = 0; f < truth.length; f++) if (labels![f] === truth[f]) agree++;
      frames += truth.length;
    }
    expect(agree / frames).toBeGreaterThan(0.6);
  });

  it('returns null when the clip is too short for the phones', () => {
    const p = { data: new Float32Array(3 * 40).fill(1 / 40), frames: 3 };
    expect(alignedFrameLabels(p, itemWords('three trees', [['TH', 'R', 'IY'], ['T', 'R', 'IY', 'Z']]))).toBeNull();
  });

  it('rejects more phones of a partner word said instead than of the item said natively', async () => {
    let native = 0;
    let partner = 0;
    let phones = 0;
    for (const item of pairs) {
      const words = itemWords(item.text, item.phones);
      const a = judgeRendition((await analyse(item.text)).posteriors, words, calibration)!;
      const b = judgeRendition((await analyse(item.partner!)).posteriors, words, calibration)!;
      expect(a.phones).toBe(item.phones.flat().length);
      expect(a.rejected).toBeLessThanOrEqual(a.verdicts.length);
      native += a.rejected;
      partner += b.rejected;
      phones += a.phones;
    }
    expect(partner).toBeGreaterThan(native);
    expect(native / phones).toBeLessThan(0.5);
  });
});
