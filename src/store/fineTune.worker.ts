/**
 * The fine-tuning worker: loads the base model on tfjs-wasm (off the main thread, so the page stays
 * responsive), labels the teacher's renditions by forced alignment against the base posteriors, trains
 * the head, and sends back progress, then the new weights with the held-back figures. `cancel` aborts.
 */
import { teacherTuning } from '../assess/teacherLabels';
import { configureBackends, createPhoneModel, fineTuneHead } from '../model';
import type { FineTuneReply, FineTuneRequest } from './fineTuneProtocol';

const scope = self as unknown as { postMessage(message: FineTuneReply, transfer?: Transferable[]): void; onmessage: ((event: MessageEvent<FineTuneRequest>) => void) | null };
let controller: AbortController | null = null;

async function run(request: Extract<FineTuneRequest, { type: 'start' }>): Promise<void> {
  const mine = new AbortController();
  controller = mine;
  const t0 = performance.now();
  configureBackends({ wasmPaths: request.wasmPaths });
  const model = createPhoneModel({ modelUrl: request.modelUrl, backend: 'wasm', warmUpFrames: 10 });
  try {
    await model.ensureLoaded();
    const { clips, label, judge } = teacherTuning(request.renditions, request.calibration);
    const result = await fineTuneHead(model.layersModel!, clips, label, judge, {
      ...request.settings,
      signal: mine.signal,
      onProgress: (progress) => scope.postMessage({ type: 'progress', progress }),
    });
    const seconds = (performance.now() - t0) / 1000;
    scope.postMessage({ type: 'done', result, baseVersion: model.metadata?.version ?? 'unknown', seconds }, result.weights.map((w) => w.data.buffer as ArrayBuffer));
  } catch (error) {
    const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'FINETUNE_FAILED';
    scope.postMessage({ type: 'error', code, message: error instanceof Error ? error.message : String(error) });
  } finally {
    model.dispose();
    if (controller === mine) controller = null;
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'cancel') controller?.abort();
  else void run(request);
};
