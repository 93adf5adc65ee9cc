// Lint rules, including the one-way import direction of ARCHITECTURE.md:
// dsp ← gpu ← model ← assess ← db/store ← ui; dsp ← sphinx ← assess, cli; audio feeds dsp; lessons is pure data;
// cli and training use dsp, audio (WAV I/O), model, assess and lessons, never ui, store or db.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LAYERS = ['dsp', 'gpu', 'audio', 'model', 'sphinx', 'assess', 'lessons', 'db', 'store', 'ui', 'cli'];

/** What each layer of src/ may import from the other layers. */
const ALLOWED = {
  dsp: [],
  lessons: [],
  gpu: ['dsp'],
  audio: ['dsp'],
  model: ['dsp', 'gpu', 'lessons'],
  sphinx: ['dsp'],
  assess: ['dsp', 'gpu', 'model', 'sphinx', 'lessons'],
  db: ['dsp', 'gpu', 'model', 'assess', 'lessons', 'audio'],
  store: ['dsp', 'gpu', 'model', 'assess', 'lessons', 'audio', 'db'],
  ui: ['dsp', 'gpu', 'model', 'assess', 'lessons', 'audio', 'db', 'store'],
  cli: ['dsp', 'audio', 'model', 'sphinx', 'assess', 'lessons'],
};

/** Single files a layer may read from a layer it otherwise may not (the phone list is contract data). */
const EXCEPTIONS = { lessons: ['model/phones'], sphinx: ['model/phones'] };

function forbidden(layers, where, exceptions = []) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: layers.map((layer) => {
          const allowed = exceptions.filter((e) => e.startsWith(`${layer}/`)).map((e) => e.slice(layer.length + 1));
          const except = allowed.length ? `(?!(${allowed.join('|')})$)` : '';
          return {
            regex: `(^|/)${layer}(/${except}.*)?$`,
            message: `${where} may not import from src/${layer} (see ARCHITECTURE.md: allowed imports point one way).`,
          };
        }),
      },
    ],
  };
}

const layerRules = LAYERS.map((layer) => ({
  files: [`src/${layer}/**/*.{ts,tsx}`],
  rules: forbidden(
    LAYERS.filter((other) => other !== layer && !ALLOWED[layer].includes(other)),
    `src/${layer}`,
    EXCEPTIONS[layer],
  ),
}));

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'dev-dist/**', 'bench/out/**', '.cache/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'public/**', 'training/**/*.py'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  ...layerRules,
  {
    files: ['training/**/*.ts', 'bench/**/*.ts'],
    rules: forbidden(['ui', 'store', 'db'], 'training and bench code'),
  },
);
