import { readFileSync } from 'node:fs';
import { dictionary } from 'cmu-pronouncing-dictionary';
import { createAssessor, createLexicon } from '../../src/assess';
import { decodeWav } from '../../src/audio/wav';
import { createPhoneModelFromDir } from '../../src/model/node';
import { PHONES } from '../../src/model/phones';
const model = await createPhoneModelFromDir(process.argv[4] ?? '/work/main/public/models/phones');
await model.ensureLoaded();
const cal = JSON.parse(readFileSync(process.argv[5] ?? '/work/main/public/models/phones/calibration.json', 'utf8'));
const a = createAssessor({ classifier: model, lexicon: createLexicon(dictionary), calibration: cal });
const w = decodeWav(readFileSync(process.argv[2]));
const { result, details } = await a.assessDetailed({ id: 'x', text: process.argv[3], samples: w.samples, sampleRateHz: w.sampleRateHz });
console.log(JSON.stringify(result.words.map((x) => x.phones.map((p) => [p.phone, p.verdict, p.score, p.heard, p.start, p.end]))));
for (const s of details.alignment.path) console.log(details.graph.units[s.unit].kind, details.graph.units[s.unit].phone ?? '', s.startFrame, s.endFrame);
const C = PHONES.length;
for (let t = 0; t < details.logMel.frames; t++) {
  const row = [...details.logPosteriors.subarray(t * C, t * C + C)].map((v, i) => [PHONES[i], Math.exp(v)] as const).sort((x, y) => y[1] - x[1]).slice(0, 4);
  console.log(t, row.map(([p, v]) => `${p}:${v.toFixed(2)}`).join(' '), 'TH', Math.exp(details.logPosteriors[t * C + PHONES.indexOf('TH')]).toFixed(3), 'T', Math.exp(details.logPosteriors[t * C + PHONES.indexOf('T')]).toFixed(3));
}
