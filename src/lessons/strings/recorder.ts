/**
 * UI strings of the free-recording screen (record → waveform → log-mel), its problem panel, the
 * waveform player and the log-mel caption, in English and Brazilian Portuguese. Both tables have the
 * same keys: a missing translation is a type error. `{name}` placeholders are filled with `fill`.
 */
import type { TipLanguage } from '../tips';

const EN = {
  title: 'Practise your pronunciation',
  statusIdle: 'Press Record and say a word or a sentence in English.',
  statusRecording: 'Recording. Press Stop when you have finished; it stops by itself after {limit}.',
  statusProcessing: 'Analysing your recording…',
  statusDone: 'Done: {seconds} s of speech. Listen back, or record again.',
  statusError: 'The recording could not be used. See the message below.',
  startRecording: 'Start recording',
  stopRecording: 'Stop recording',
  record: 'Record',
  stop: 'Stop',
  wait: 'Wait',
  elapsed: 'Elapsed time',
  left: '{time} left',
  upTo: 'Up to {seconds} s per recording',
  yourRecording: 'Your recording',
  spectrogramTitle: 'Spectrogram of your speech',
  waveformLabel: 'Waveform of your recording, {seconds} seconds',
  play: 'Play',
  pause: 'Pause',
  playFailed: 'This browser could not play the recording.',
  recorded: '{seconds} s recorded',
  computedOn: 'Computed on the {path}',
  spectrogramLabel: 'Log-mel spectrogram of your speech: {frames} frames of 10 ms, {bands} mel bands, low pitches at the bottom',
  checkedAgainstCpu: 'Checked against the CPU reference: largest difference',
  problem_MIC_DENIED: 'Microphone permission needed',
  problem_NO_MIC: 'No microphone found',
  problem_MIC_LOST: 'The microphone stopped',
  problem_MIC_BUSY: 'The microphone is busy',
  problem_MIC_UNSUPPORTED: 'Recording is not available here',
  problem_CLIP_SILENT: 'No speech in the recording',
  problem_MAX_LENGTH: 'Time limit reached',
  problemOther: 'Something went wrong',
} as const;

export type RecorderStringKey = keyof typeof EN;
export type RecorderStrings = Record<RecorderStringKey, string>;

const PT_BR: RecorderStrings = {
  title: 'Pratique sua pronúncia',
  statusIdle: 'Toque em Gravar e diga uma palavra ou uma frase em inglês.',
  statusRecording: 'Gravando. Toque em Parar quando terminar; a gravação para sozinha depois de {limit}.',
  statusProcessing: 'Analisando sua gravação…',
  statusDone: 'Pronto: {seconds} s de fala. Ouça de novo ou grave outra vez.',
  statusError: 'Não foi possível usar a gravação. Veja a mensagem abaixo.',
  startRecording: 'Começar a gravar',
  stopRecording: 'Parar de gravar',
  record: 'Gravar',
  stop: 'Parar',
  wait: 'Aguarde',
  elapsed: 'Tempo decorrido',
  left: 'faltam {time}',
  upTo: 'Até {seconds} s por gravação',
  yourRecording: 'Sua gravação',
  spectrogramTitle: 'Espectrograma da sua fala',
  waveformLabel: 'Forma de onda da sua gravação, {seconds} segundos',
  play: 'Ouvir',
  pause: 'Pausar',
  playFailed: 'Este navegador não conseguiu tocar a gravação.',
  recorded: '{seconds} s gravados',
  computedOn: 'Calculado na {path}',
  spectrogramLabel: 'Espectrograma log-mel da sua fala: {frames} quadros de 10 ms, {bands} faixas mel, sons graves embaixo',
  checkedAgainstCpu: 'Conferido com a referência da CPU: maior diferença',
  problem_MIC_DENIED: 'Precisamos da permissão do microfone',
  problem_NO_MIC: 'Nenhum microfone encontrado',
  problem_MIC_LOST: 'O microfone parou',
  problem_MIC_BUSY: 'O microfone está ocupado',
  problem_MIC_UNSUPPORTED: 'Não é possível gravar aqui',
  problem_CLIP_SILENT: 'Não há fala na gravação',
  problem_MAX_LENGTH: 'Tempo máximo atingido',
  problemOther: 'Algo deu errado',
};

const TABLES: Record<TipLanguage, RecorderStrings> = { en: EN, 'pt-BR': PT_BR };

/**
 * The feature extractor's reason for its path (src/gpu/melExtractor.ts writes it in English) in the
 * UI language; a reason it does not know stays as written.
 */
export function melReasonText(reason: string, language: TipLanguage): string {
  if (language === 'en') return reason;
  const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/^CPU: the WebGPU adapter is a software fallback \((.*)\), slower than the CPU path$/, (m) => `CPU: o adaptador WebGPU é uma emulação em software (${m[1]}), mais lenta que a CPU`],
    [/^WebGPU on (.*)$/, (m) => `WebGPU em ${m[1]}`],
    [/^CPU: WebGPU not requested/, () => 'CPU: o WebGPU não foi pedido'],
    [/^CPU: this browser has no WebGPU/, () => 'CPU: este navegador não tem WebGPU'],
    [/^CPU: WebGPU found no GPU adapter/, () => 'CPU: o WebGPU não encontrou uma placa de vídeo'],
    [/^CPU: the WebGPU device was lost/, () => 'CPU: a placa de vídeo deixou de responder; as próximas gravações usam a CPU'],
  ];
  for (const [pattern, text] of rules) {
    const m = reason.match(pattern);
    if (m) return text(m);
  }
  return reason;
}

/** The table for `language`. */
export function recorderStrings(language: TipLanguage): RecorderStrings {
  return TABLES[language];
}
