/** Messages between the app and the fine-tuning worker (src/store/fineTune.worker.ts). */
import type { Calibration } from '../assess';
import type { TeacherRendition } from '../assess/teacherLabels';
import type { FineTuneProgress, FineTuneResult, FineTuneSettings } from '../model/finetune';

export type FineTuneRequest =
  | {
      readonly type: 'start';
      /** Absolute URL of the base model's model.json (metadata.json beside it). */
      readonly modelUrl: string;
      /** Where tfjs-backend-wasm's files are served (absolute URL with a trailing slash). */
      readonly wasmPaths: string;
      readonly calibration: Calibration;
      readonly renditions: readonly TeacherRendition[];
      readonly settings?: Partial<FineTuneSettings>;
    }
  | { readonly type: 'cancel' };

export type FineTuneReply =
  | { readonly type: 'progress'; readonly progress: FineTuneProgress }
  | { readonly type: 'done'; readonly result: FineTuneResult; readonly baseVersion: string; readonly seconds: number }
  | { readonly type: 'error'; readonly code: string; readonly message: string };
