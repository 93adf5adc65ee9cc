/** Runs fine-tuning in a Web Worker (tfjs-wasm there), relaying progress; aborting terminates the worker. */
import type { Calibration } from '../assess';
import type { TeacherRendition } from '../assess/teacherLabels';
import { FineTuneError, type FineTuneErrorCode } from '../model/errors';
import type { FineTuneProgress } from '../model/finetune';
import FineTuneWorker from './fineTune.worker.ts?worker';
import type { FineTuneReply, FineTuneRequest } from './fineTuneProtocol';
import { CALIBRATION_URL, EngineError, MODEL_URL } from '../practice';
import type { FineTuneOutcome } from './teacherVoiceSlice';

function cancelled(): FineTuneError {
  return new FineTuneError('FINETUNE_CANCELLED', 'Fine-tuning was cancelled; the model in use is unchanged.');
}

const FINETUNE_CODES: readonly string[] = ['FINETUNE_CANCELLED', 'FINETUNE_FAILED', 'FINETUNE_TOO_FEW'] satisfies FineTuneErrorCode[];

/** The worker's error as a typed one (a code of another layer becomes FINETUNE_FAILED, keeping it in `details`). */
function workerError(code: string, message: string): FineTuneError {
  return FINETUNE_CODES.includes(code) ? new FineTuneError(code as FineTuneErrorCode, message) : new FineTuneError('FINETUNE_FAILED', message, { workerCode: code });
}

export async function runFineTuneInWorker(renditions: readonly TeacherRendition[], onProgress: (p: FineTuneProgress) => void, signal: AbortSignal): Promise<FineTuneOutcome> {
  const response = await fetch(CALIBRATION_URL);
  if (!response.ok) throw new EngineError('MODEL_UNAVAILABLE', `The assessment calibration is not available (${CALIBRATION_URL} answered ${response.status}).`);
  const calibration = (await response.json()) as Calibration;
  if (signal.aborted) throw cancelled();
  const worker = new FineTuneWorker();
  try {
    return await new Promise<FineTuneOutcome>((resolve, reject) => {
      const onAbort = () => {
        // The worker stops at its next step; terminating also frees its memory at once.
        worker.postMessage({ type: 'cancel' } satisfies FineTuneRequest);
        reject(cancelled());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      worker.onerror = (event) => reject(new FineTuneError('FINETUNE_FAILED', `The fine-tuning worker failed: ${event.message}`));
      worker.onmessage = (event: MessageEvent<FineTuneReply>) => {
        const reply = event.data;
        if (reply.type === 'progress') onProgress(reply.progress);
        else if (reply.type === 'done') resolve({ result: reply.result, baseVersion: reply.baseVersion, seconds: reply.seconds });
        else reject(workerError(reply.code, reply.message));
      };
      const request: FineTuneRequest = {
        type: 'start',
        modelUrl: new URL(MODEL_URL, location.href).href,
        wasmPaths: new URL('/tfjs/', location.href).href,
        calibration,
        renditions,
      };
      worker.postMessage(request);
    });
  } finally {
    worker.terminate();
  }
}
