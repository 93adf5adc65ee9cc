/**
 * The teacher's recording of an item as a native reference ("Teacher" voice) for the practice overlay
 * and native playback: the latest teacher recording of any item with that clip, its log-mel, and its
 * phones by forced alignment of the item's phones against the model in use (the synthetic voices get
 * theirs from the synthesiser; a teacher's come from the aligner).
 */
import { boundarySeconds } from '../assess';
import { alignedFrameLabels, itemWords } from '../assess/teacherLabels';
import { teacherReferencesOf, type SotaqueDb, type TeacherReferenceRow } from '../db';
import { logMelSpectrogram, normalise } from '../dsp';
import { findLessonItem } from '../lessons/packs';
import type { ReferenceIndex, ReferencePhone } from '../lessons/references';
import { PHONES, SIL_INDEX } from '../model/phones';
import { EngineError, type NativeReference } from './engine';

/** The voice id of the teacher's recordings in the practice slice. */
export const TEACHER_VOICE = 'teacher';

/** Phones from frame labels: runs of equal labels, non-silence runs given to the item's words in order. */
export function phonesFromLabels(labels: Int32Array, wordLengths: readonly number[]): ReferencePhone[] {
  const out: ReferencePhone[] = [];
  let word = 0;
  let inWord = 0;
  for (let start = 0; start < labels.length; ) {
    let end = start;
    while (end < labels.length && labels[end] === labels[start]) end++;
    const silence = labels[start] === SIL_INDEX;
    if (!silence && inWord >= (wordLengths[word] ?? Infinity) && word < wordLengths.length - 1) {
      word++;
      inWord = 0;
    }
    out.push({ phone: PHONES[labels[start]], start: boundarySeconds(start), end: boundarySeconds(end), word: silence ? null : word });
    if (!silence) inWord++;
    start = end;
  }
  return out;
}

const cache = new Map<number, NativeReference>();

/**
 * The teacher's latest recording for `clip` as a NativeReference; `posteriors` runs the model in use
 * over a normalised log-mel (to align the phones).
 */
export async function loadTeacherNativeReference(
  db: SotaqueDb,
  index: ReferenceIndex,
  clip: string,
  posteriors: (logMel: ReturnType<typeof normalise>) => Promise<{ data: Float32Array; frames: number }>,
): Promise<NativeReference> {
  const itemIds = Object.entries(index.items)
    .filter(([, entry]) => entry.clip === clip)
    .map(([id]) => id);
  const rows: TeacherReferenceRow[] = (await Promise.all(itemIds.map((id) => teacherReferencesOf(db, id)))).flat();
  const latest = rows.sort((a, b) => b.createdAt - a.createdAt)[0];
  if (!latest?.id) throw new EngineError('REFERENCE_UNAVAILABLE', `There is no teacher recording of "${clip}" yet.`);
  const cached = cache.get(latest.id);
  if (cached) return cached;
  const item = findLessonItem(latest.itemId)?.item;
  const logMel = logMelSpectrogram(latest.samples16k);
  let phones: ReferencePhone[] = [];
  if (item) {
    const labels = alignedFrameLabels(await posteriors(normalise(logMel)), itemWords(item.text, item.phones));
    if (labels) phones = phonesFromLabels(labels, item.phones.map((p) => p.length));
  }
  const reference: NativeReference = { voice: TEACHER_VOICE, url: URL.createObjectURL(latest.audio), samples16k: latest.samples16k, logMel, offsetSeconds: 0, phones };
  cache.set(latest.id, reference);
  return reference;
}
