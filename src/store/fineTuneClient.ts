/** Runs fine-tuning in a Web Worker (tfjs-wasm there), relaying progress; aborting terminates the worker. */
import type { Calibration } from '../assess';
import type { TeacherRendition } from '../assess/teacherLabels';
import type { FineTuneProgress } from '../model/finetune';
import FineTuneWorker from './fineTune.worker.ts?worker';
import type { FineTuneReply, FineTuneRequest } from './fineTuneProtocol';
import { CALIBRATION_URL, MODEL_URL } from '../practice';
import type { FineTuneOutcome } from './teacherVoiceSlice';

function cancelled(): Error {
  return Object.assign(new Error('Fine-tuning was cancelled; the model in use is unchanged.'), { name: 'AbortError', code: 'FINETUNE_CANCELLED' });
}

export async function runFineTuneInWorker(renditions: readonly TeacherRendition[], onProgress: (p: FineTuneProgress) => void, signal: AbortSignal): Promise<FineTuneOutcome> {
  const response = await fetch(CALIBRATION_URL);
  if (!response.ok) throw Object.assign(new Error(`The assessment calibration is not available (${CALIBRATION_URL} answered ${response.status}).`), { code: 'MODEL_UNAVAILABLE' });
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
      worker.onerror = (event) => reject(Object.assign(new Error(`The fine-tuning worker failed: ${event.message}`), { code: 'FINETUNE_FAILED' }));
      worker.onmessage = (event: MessageEvent<FineTuneReply>) => {
        const reply = event.data;
        if (reply.type === 'progress') onProgress(reply.progress);
        else if (reply.type === 'done') resolve({ result: reply.result, baseVersion: reply.baseVersion, seconds: reply.seconds });
        else reject(Object.assign(new Error(reply.message), { code: reply.code }));
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
