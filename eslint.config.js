// Lint rules, including the one-way import direction of docs/ARCHITECTURE.md:
// dsp ← gpu, model, sphinx ← assess ← practice ← store ← ui; audio feeds dsp; lessons is pure data; db
// and audio are used by practice (and the store's wiring); ui never imports db, store never imports dsp.
// cli and training use dsp, audio (WAV I/O), model, assess and lessons, never ui, store or db.
// Static imports, re-exports and dynamic import() with a literal source are all checked; so is where
// the big libraries may be used (tfjs, Dexie, React), and that dsp and assess use no DOM globals.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LAYERS = ['dsp', 'gpu', 'audio', 'model', 'sphinx', 'assess', 'lessons', 'db', 'practice', 'store', 'ui', 'cli'];

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
  practice: ['dsp', 'gpu', 'model', 'sphinx', 'assess', 'lessons', 'audio', 'db'],
  store: ['gpu', 'model', 'assess', 'lessons', 'audio', 'db', 'practice'],
  ui: ['dsp', 'gpu', 'model', 'assess', 'lessons', 'audio', 'store'],
  cli: ['dsp', 'audio', 'model', 'sphinx', 'assess', 'lessons'],
};

/** Single files a layer may read from a layer it otherwise may not (the phone list is contract data; every layer's errors share one base). */
const EXCEPTIONS = { lessons: ['model/phones'], sphinx: ['model/phones'], store: ['dsp/codedError'] };

/** What a layer's tests and test fixtures may import besides (to build the inputs of the code under test). */
const TEST_ALLOWED = { store: ['dsp', 'sphinx'] };
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/testFixtures.ts', '**/testDb.ts', '**/testPosteriors.ts'];

/** Libraries only some layers may import (the fine-tune worker reaches tfjs through src/model). */
const LIBRARIES = [
  { name: 'TensorFlow.js', regex: '^@tensorflow/', owners: ['model'] },
  { name: 'Dexie', regex: '^dexie(/.*)?$', owners: ['db'] },
  { name: 'React', regex: '^react(-dom)?(/.*)?$', owners: ['ui'] },
];

/** Globals that exist in browsers only (not in Node or plain ECMAScript): src/dsp and src/assess run everywhere. */
const DOM_GLOBALS = Object.keys(globals.browser).filter((name) => !(name in globals.node) && !(name in globals.es2021));

/**
 * Import restrictions as (regex, message) pairs. `from` is how an import reaches src/<layer>: from a
 * file in src/, one or more `../` (a `./` import stays in its own layer); from training/ or bench/,
 * a path through `src/`.
 */
function restrictions(layers, where, exceptions = [], libraries = [], from = '^(\\.\\./)+') {
  return [
    ...layers.map((layer) => {
      const allowed = exceptions.filter((e) => e.startsWith(`${layer}/`)).map((e) => e.slice(layer.length + 1));
      const except = allowed.length ? `(?!(${allowed.join('|')})$)` : '';
      return {
        regex: `${from}${layer}(/${except}.*)?$`,
        message: `${where} may not import from src/${layer} (see docs/ARCHITECTURE.md: allowed imports point one way).`,
      };
    }),
    ...libraries.map((lib) => ({
      regex: lib.regex,
      message: `${where} may not use ${lib.name}: only ${lib.owners.map((o) => `src/${o}`).join(', ')} may (see docs/ARCHITECTURE.md).`,
    })),
  ];
}

/** esquery cannot hold a "/" inside a regex attribute value: spell it \x2F. */
const selectorRegex = (regex) => regex.replaceAll('/', '\\x2F');

/** Static imports and re-exports (no-restricted-imports) and dynamic import() of a string literal (no-restricted-syntax). */
function forbidden(list) {
  return {
    'no-restricted-imports': ['error', { patterns: list.map(({ regex, message }) => ({ regex, message })) }],
    'no-restricted-syntax': [
      'error',
      ...list.map(({ regex, message }) => ({ selector: `ImportExpression > Literal.source[value=/${selectorRegex(regex)}/]`, message })),
    ],
  };
}

function layerRestrictions(layer, extra = []) {
  const allowed = [...ALLOWED[layer], ...extra];
  return restrictions(
    LAYERS.filter((other) => other !== layer && !allowed.includes(other)),
    `src/${layer}`,
    EXCEPTIONS[layer],
    LIBRARIES.filter((lib) => !lib.owners.includes(layer)),
  );
}

const layerRules = LAYERS.flatMap((layer) => [
  { files: [`src/${layer}/**/*.{ts,tsx}`], rules: forbidden(layerRestrictions(layer)) },
  ...(TEST_ALLOWED[layer] ? [{ files: TEST_FILES.map((f) => `src/${layer}/${f}`), rules: forbidden(layerRestrictions(layer, TEST_ALLOWED[layer])) }] : []),
]);

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
    files: ['src/dsp/**/*.ts', 'src/assess/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...DOM_GLOBALS.map((name) => ({ name, message: `${name} is a browser global: src/dsp and src/assess run in Node and workers too (docs/ARCHITECTURE.md).` }))] },
  },
  {
    files: ['training/**/*.ts', 'bench/**/*.ts'],
    rules: forbidden(restrictions(['ui', 'store', 'db', 'practice'], 'training and bench code', [], [], '(^|/)src/')),
  },
);
