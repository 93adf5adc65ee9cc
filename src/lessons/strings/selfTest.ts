/** Strings of the device self-test (`?selftest=1`), in both languages (same keys: a missing one is a type error). */
import type { TipLanguage } from '../tips';

type StepId = 'microphone' | 'webgpu' | 'mel' | 'model' | 'inference' | 'storage';

export interface SelfTestStrings {
  readonly title: string;
  readonly intro: string;
  readonly run: string;
  readonly running: string;
  readonly download: string;
  readonly done: string;
  readonly persistent: string;
  readonly software: string;
  readonly outcome: Readonly<Record<'running' | 'ok' | 'warn' | 'fail', string>>;
  readonly steps: Readonly<Record<StepId, string>>;
  /** Problems by code; an unknown code shows its English message. */
  readonly problems: Readonly<Record<string, string>>;
}

const EN: SelfTestStrings = {
  title: 'Device self-test',
  intro: 'Checks what practice needs on this device: the microphone (say something during the first seconds), the graphics adapter, the pronunciation model and storage. Nothing is recorded or sent; the log you can download has figures only, no audio.',
  run: 'Run the self-test',
  running: 'Testing…',
  download: 'Download the diagnostic log',
  done: 'Self-test finished.',
  persistent: 'persistent',
  software: 'software',
  outcome: { running: 'testing', ok: 'ok', warn: 'check', fail: 'failed' },
  steps: { microphone: 'Microphone', webgpu: 'WebGPU adapter', mel: 'Sound features (log-mel)', model: 'Pronunciation model', inference: 'Assessment speed', storage: 'Storage' },
  problems: {
    MIC_QUIET: 'The microphone is on but heard almost nothing: speak during the test, or check the input level.',
    NO_WEBGPU: 'No WebGPU here: the CPU computes the sound features (that works too).',
    NO_GPU_ADAPTER: 'WebGPU found no graphics adapter: the CPU computes the sound features.',
    MODEL_UNAVAILABLE: 'The pronunciation model could not be loaded.',
    SLOW: 'Assessment is slow on this device: results will take a moment.',
    NOT_PERSISTED: 'Storage is not persistent: the browser may clear recordings when space runs low.',
    STORAGE_LOW: 'Less than 50 MB of storage is free: recordings may not be saved.',
    MIC_DENIED: 'Sotaque may not use the microphone. Allow it in the site settings.',
    NO_MIC: 'No microphone was found.',
  },
};

const PT: SelfTestStrings = {
  title: 'Teste do aparelho',
  intro: 'Confere o que a prática precisa neste aparelho: o microfone (fale algo nos primeiros segundos), a placa de vídeo, o modelo de pronúncia e o armazenamento. Nada é gravado nem enviado; o registro que você pode baixar tem só números, nenhum áudio.',
  run: 'Fazer o teste',
  running: 'Testando…',
  download: 'Baixar o registro do teste',
  done: 'Teste concluído.',
  persistent: 'permanente',
  software: 'em software',
  outcome: { running: 'testando', ok: 'ok', warn: 'atenção', fail: 'falhou' },
  steps: { microphone: 'Microfone', webgpu: 'Placa de vídeo (WebGPU)', mel: 'Características do som (log-mel)', model: 'Modelo de pronúncia', inference: 'Velocidade da avaliação', storage: 'Armazenamento' },
  problems: {
    MIC_QUIET: 'O microfone está ligado mas quase não ouviu nada: fale durante o teste ou confira o volume de entrada.',
    NO_WEBGPU: 'Sem WebGPU aqui: a CPU calcula as características do som (funciona também).',
    NO_GPU_ADAPTER: 'O WebGPU não encontrou placa de vídeo: a CPU calcula as características do som.',
    MODEL_UNAVAILABLE: 'Não foi possível carregar o modelo de pronúncia.',
    SLOW: 'A avaliação é lenta neste aparelho: os resultados vão demorar um pouco.',
    NOT_PERSISTED: 'O armazenamento não é permanente: o navegador pode apagar gravações quando faltar espaço.',
    STORAGE_LOW: 'Há menos de 50 MB livres: as gravações podem não ser salvas.',
    MIC_DENIED: 'O Sotaque não tem permissão para usar o microfone. Permita nas configurações do site.',
    NO_MIC: 'Nenhum microfone encontrado.',
  },
};

const TABLES: Readonly<Record<TipLanguage, SelfTestStrings>> = { en: EN, 'pt-BR': PT };

export function selfTestStrings(language: TipLanguage): SelfTestStrings {
  return TABLES[language];
}
