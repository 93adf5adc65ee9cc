/** The parts of npm @echogarden/espeak-ng-emscripten the corpus uses (the package ships no types). */
declare module '@echogarden/espeak-ng-emscripten' {
  /** An espeak phoneme, word, sentence or end event, timed in ms of output audio. */
  export interface EspeakEvent {
    type: string;
    id?: string | number;
    audio_position: number;
  }
  /** One synthesiser instance (voice data loaded). */
  export interface EspeakNGWorker {
    set_voice(voice: string): void;
    set_rate(wpm: number): void;
    set_pitch(pitch: number): void;
    set_range(range: number): void;
    synthesize(text: string, callback: (samples: Int16Array | null, events: EspeakEvent[]) => void): void;
  }
  /** Loads the wasm module and its voice data. */
  export default function init(): Promise<{ eSpeakNGWorker: new () => EspeakNGWorker }>;
}
