/** UI strings of the teacher's voice panels (teacher references, adapting the model), pt-BR and English. */
import type { TipLanguage } from '../tips';

const EN = {
  title: "Teacher's voice",
  navTab: 'Voice & model',
  intro: 'Record your own rendition of lesson items. Learners can compare with your voice, and with enough recordings the app can adapt its model to your voice — on this device.',
  forItem: 'Your recordings of',
  lesson: 'Lesson',
  item: 'Item',
  none: 'No recordings of this item yet.',
  record: 'Record my rendition',
  stop: 'Stop',
  saving: 'Saving…',
  levelMeter: 'Microphone level',
  importWav: 'Import WAV files',
  importHint: 'A file named after an item id (for example th-w-three.wav or th-w-three-2.wav) goes to that item; other files go to the current item.',
  imported: 'Imported files:',
  play: 'Play',
  delete: 'Delete',
  recordingLabel: 'Recording',
  seconds: 's',
  adaptTitle: 'Adapt the model to my voice',
  adaptIntro: 'Fine-tunes the last layers of the model on your recordings. A quarter of them (at least 3) are held back to check the result; the adapted model is used only if it does better on them.',
  recordingsCount: 'Recordings on this device:',
  itemsCount: 'different items:',
  needMore: 'Record at least {n} items to adapt the model.',
  adapt: 'Adapt the model to my voice',
  cancel: 'Cancel',
  progress: 'Adapting the model',
  stageFeatures: 'Reading your recordings…',
  stageTraining: 'Training…',
  stageEvaluating: 'Checking on held-back recordings…',
  cancelled: 'Cancelled. The model in use is unchanged.',
  resultTitle: 'Result on held-back recordings',
  heldOut: 'recordings held back',
  measure: 'Measure',
  before: 'Base model',
  after: 'Adapted',
  frameAccuracy: 'Frames recognised as the expected sound',
  falseRejections: 'Your sounds judged wrong',
  adopted: 'The adapted model does better on your held-back recordings: it is now in use.',
  kept: 'The adapted model is not better on your held-back recordings: the base model stays in use.',
  active: 'Model in use:',
  activeBase: 'base model',
  activeFinetuned: 'adapted to your voice',
  revert: 'Revert to the base model',
  teacherVoice: 'Teacher',
  error: 'Something went wrong',
  tookSeconds: 'Took {s} s.',
} as const;

/** Every language has every key (a missing translation is a type error). */
export type TeacherVoiceStrings = { readonly [K in keyof typeof EN]: string };

const PT: TeacherVoiceStrings = {
  title: 'Voz do professor',
  navTab: 'Voz e modelo',
  intro: 'Grave a sua própria leitura dos itens das lições. Os alunos podem comparar com a sua voz e, com gravações suficientes, o app pode adaptar o modelo à sua voz — neste aparelho.',
  forItem: 'Suas gravações de',
  lesson: 'Lição',
  item: 'Item',
  none: 'Ainda não há gravações deste item.',
  record: 'Gravar minha leitura',
  stop: 'Parar',
  saving: 'Salvando…',
  levelMeter: 'Nível do microfone',
  importWav: 'Importar arquivos WAV',
  importHint: 'Um arquivo com o nome de um item (por exemplo th-w-three.wav ou th-w-three-2.wav) vai para esse item; os outros vão para o item atual.',
  imported: 'Arquivos importados:',
  play: 'Ouvir',
  delete: 'Apagar',
  recordingLabel: 'Gravação',
  seconds: 's',
  adaptTitle: 'Adaptar o modelo à minha voz',
  adaptIntro: 'Ajusta as últimas camadas do modelo com as suas gravações. Um quarto delas (pelo menos 3) fica de fora para conferir o resultado; o modelo adaptado só é usado se for melhor nelas.',
  recordingsCount: 'Gravações neste aparelho:',
  itemsCount: 'itens diferentes:',
  needMore: 'Grave pelo menos {n} itens para adaptar o modelo.',
  adapt: 'Adaptar o modelo à minha voz',
  cancel: 'Cancelar',
  progress: 'Adaptando o modelo',
  stageFeatures: 'Lendo as suas gravações…',
  stageTraining: 'Treinando…',
  stageEvaluating: 'Conferindo nas gravações separadas…',
  cancelled: 'Cancelado. O modelo em uso não mudou.',
  resultTitle: 'Resultado nas gravações separadas',
  heldOut: 'gravações separadas',
  measure: 'Medida',
  before: 'Modelo base',
  after: 'Adaptado',
  frameAccuracy: 'Quadros reconhecidos como o som esperado',
  falseRejections: 'Sons seus julgados errados',
  adopted: 'O modelo adaptado se sai melhor nas suas gravações separadas: agora ele está em uso.',
  kept: 'O modelo adaptado não é melhor nas suas gravações separadas: o modelo base continua em uso.',
  active: 'Modelo em uso:',
  activeBase: 'modelo base',
  activeFinetuned: 'adaptado à sua voz',
  revert: 'Voltar ao modelo base',
  teacherVoice: 'Professor',
  error: 'Algo deu errado',
  tookSeconds: 'Levou {s} s.',
};

/** Messages for the error codes the panels show, per language (fallback: the error's own message). */
const ERRORS: Readonly<Record<TipLanguage, Readonly<Record<string, string>>>> = {
  en: {
    TEACHER_CLIP_SILENT: 'The recording is silent: no speech was heard. Check the microphone and record again.',
    TEACHER_CLIP_TOO_LONG: 'The recording is longer than 30 s. Record the item alone.',
    TEACHER_BAD_WAV: 'This file is not a WAV the app can read. Export it as WAV (PCM) and try again; nothing else was changed.',
    FINETUNE_TOO_FEW: 'There are not enough recordings yet to adapt the model.',
    MIC_DENIED: 'The microphone permission was refused. Allow it in the browser to record.',
    NO_MIC: 'No microphone was found.',
  },
  'pt-BR': {
    TEACHER_CLIP_SILENT: 'A gravação está em silêncio: nenhuma fala foi ouvida. Verifique o microfone e grave de novo.',
    TEACHER_CLIP_TOO_LONG: 'A gravação passa de 30 s. Grave só o item.',
    TEACHER_BAD_WAV: 'Este arquivo não é um WAV que o app consiga ler. Exporte como WAV (PCM) e tente de novo; nada mais foi alterado.',
    FINETUNE_TOO_FEW: 'Ainda não há gravações suficientes para adaptar o modelo.',
    MIC_DENIED: 'A permissão do microfone foi recusada. Permita no navegador para gravar.',
    NO_MIC: 'Nenhum microfone foi encontrado.',
  },
};

export const TEACHER_VOICE_STRINGS: Readonly<Record<TipLanguage, TeacherVoiceStrings>> = { 'pt-BR': PT, en: EN };

export function teacherVoiceStrings(language: TipLanguage): TeacherVoiceStrings {
  return TEACHER_VOICE_STRINGS[language];
}

/** The message for an error code in the language, else the error's own message. */
export function teacherVoiceError(language: TipLanguage, code: string, fallback: string): string {
  return ERRORS[language][code] ?? fallback;
}
