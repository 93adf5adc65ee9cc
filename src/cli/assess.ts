/**
 * `npm run --silent assess -- --text "three" --audio clip.wav [--partner tree]` prints one JSON assessment;
 * `npm run --silent assess -- --batch list.tsv` reads `id<TAB>text<TAB>audio[<TAB>partner]` rows (audio
 * relative to the TSV's folder) and prints one JSON object per line, in input order, loading the model once.
 * A partner word judges a minimal pair as the practice screen does (src/assess `judgeAttempt`); without
 * native references the pair is decided on the acoustic evidence.
 * stdout carries JSON only; logs go to stderr. Output follows the `assess` contract (docs/CONTRACTS.md).
 * Options: --model DIR (default public/models/phones), --calibration FILE (default DIR/calibration.json).
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AssessError, createAssessor, createLexicon, fusesSecondModel, judgeAttempt, type AssessFailure, type Assessor, type AssessResult, type Calibration } from '../assess';
import { isCodedError } from '../dsp/codedError';
import { decodeWav } from '../audio/wav';
import { createPhoneModelFromDir } from '../model/node';
import { sphinxEvidenceSource } from '../sphinx';
import { loadSphinxModelFromDir } from '../sphinx/node';

const DEFAULT_MODEL_DIR = resolve(import.meta.dirname, '../../public/models/phones');

/** One line of work: what to assess and where its audio is. */
export interface AssessJob {
  readonly id: string;
  readonly text: string;
  readonly audioPath: string;
  /** The partner word(s) of a minimal pair, judged as the practice screen judges them. */
  readonly partner?: string;
}

/** Parses a batch TSV: header with id, text and audio columns and an optional partner column (any order, extra columns ignored). */
export function parseBatchTsv(content: string, baseDir: string): AssessJob[] {
  const lines = content.split(/\r?\n/).filter((line) => line.trim().length > 0);
  if (lines.length === 0) throw new Error('The batch file is empty: expected a header line "id<TAB>text<TAB>audio".');
  const header = lines[0].split('\t').map((h) => h.trim().toLowerCase());
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`The batch file's header has no "${name}" column (found: ${header.join(', ')}).`);
    return index;
  };
  const [idCol, textCol, audioCol] = [column('id'), column('text'), column('audio')];
  const partnerCol = header.indexOf('partner');
  return lines.slice(1).map((line, i) => {
    const cells = line.split('\t');
    const audio = (cells[audioCol] ?? '').trim();
    const partner = partnerCol >= 0 ? (cells[partnerCol] ?? '').trim() : '';
    return {
      id: (cells[idCol] ?? '').trim() || `line-${i + 2}`,
      text: (cells[textCol] ?? '').trim(),
      audioPath: audio && !isAbsolute(audio) ? join(baseDir, audio) : audio,
      ...(partner ? { partner } : {}),
    };
  });
}

/** The reason to print for a failed job. */
export function failureReason(error: unknown): string {
  if (isCodedError(error)) return error.message;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return `Audio file not found: ${(error as NodeJS.ErrnoException).path}`;
  if (code === 'EISDIR') return `Expected a WAV file but found a folder: ${(error as NodeJS.ErrnoException).path}`;
  return error instanceof Error ? error.message : String(error);
}

/** Judges one job (`judgeAttempt`: the verdicts the learner would see); never throws: failures become `{id, error}`. */
export async function runJob(assessor: Assessor, job: AssessJob): Promise<AssessResult | AssessFailure> {
  try {
    if (!job.audioPath) throw new Error('No audio file given.');
    if (!job.text) throw new AssessError('EMPTY_TEXT', 'No text given: say what the recording should contain.');
    const wav = decodeWav(await readFile(job.audioPath));
    const judged = await judgeAttempt(assessor, {
      id: job.id,
      text: job.text,
      samples: wav.samples,
      sampleRateHz: wav.sampleRateHz,
      partner: job.partner ? { text: job.partner } : null,
    });
    return judged.result;
  } catch (error) {
    return { id: job.id, error: failureReason(error) };
  }
}

/** Loads the model (once), the calibration and the dictionary. */
export async function createNodeAssessor(modelDir = DEFAULT_MODEL_DIR, calibrationPath = join(modelDir, 'calibration.json')): Promise<Assessor> {
  let calibration: Calibration;
  try {
    calibration = JSON.parse(await readFile(calibrationPath, 'utf8')) as Calibration;
  } catch (error) {
    throw new Error(`Could not read the calibration ${calibrationPath}: ${(error as Error).message}. Run npm run calibrate after training.`, { cause: error });
  }
  const model = await createPhoneModelFromDir(modelDir);
  await model.ensureLoaded();
  const { dictionary } = await import('cmu-pronouncing-dictionary');
  const secondary = fusesSecondModel(calibration) ? sphinxEvidenceSource(await loadSphinxModelFromDir()) : undefined;
  return createAssessor({ classifier: model, lexicon: createLexicon(dictionary), calibration, ...(secondary ? { secondary } : {}) });
}

async function main(argv: string[]): Promise<number> {
  // tfjs greets Node users on stdout; stdout is for JSON only.
  console.log = console.error.bind(console);
  console.info = console.error.bind(console);
  const { values } = parseArgs({
    args: argv,
    options: {
      text: { type: 'string' },
      audio: { type: 'string' },
      partner: { type: 'string' },
      batch: { type: 'string' },
      model: { type: 'string' },
      calibration: { type: 'string' },
    },
  });
  const write = (object: unknown) => process.stdout.write(`${JSON.stringify(object)}\n`);
  if (!values.batch && (values.text === undefined || values.audio === undefined)) {
    process.stderr.write('Usage: assess --text "three" --audio clip.wav [--partner tree] | assess --batch list.tsv [--model DIR] [--calibration FILE]\n');
    return 2;
  }
  const modelDir = values.model ? resolve(values.model) : DEFAULT_MODEL_DIR;
  const assessor = await createNodeAssessor(modelDir, values.calibration ? resolve(values.calibration) : undefined);
  if (values.batch) {
    const batchPath = resolve(values.batch);
    const jobs = parseBatchTsv(await readFile(batchPath, 'utf8'), dirname(batchPath));
    for (const job of jobs) write(await runJob(assessor, job));
    return 0;
  }
  const result = await runJob(assessor, { id: values.audio!, text: values.text!, audioPath: values.audio!, ...(values.partner ? { partner: values.partner } : {}) });
  write(result);
  return 'error' in result ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stdout.write(`${JSON.stringify({ id: 'assess', error: failureReason(error) })}\n`);
      process.exit(1);
    },
  );
}
