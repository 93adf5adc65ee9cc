// Shared helpers of the project scripts (start, test, bench): Node built-ins only, so they run
// before the npm packages are installed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Debian packages the tests need, with the command, Python module or file each provides (checked before installing). */
export const SYSTEM_PACKAGES = [
  { command: 'chromium', packages: ['chromium'], why: 'end-to-end tests and the benchmark (headless, WebGPU on SwiftShader)' },
  { command: 'espeak-ng', packages: ['espeak-ng'], why: 'speech fixtures and the training corpus' },
  { command: 'sox', packages: ['sox', 'libsox-fmt-all'], why: 'fixture and augmentation audio' },
  { command: 'festival', packages: ['festival', 'festvox-kallpc16k', 'festvox-kdlpc16k', 'festvox-us-slt-hts'], why: 'training corpus voices' },
  { command: 'flite', packages: ['flite'], why: 'training corpus voices' },
  { python: 'torch', packages: ['python3-torch', 'python3-numpy'], why: 'the training loop' },
  { command: 'ffmpeg', packages: ['ffmpeg'], why: 'decoding the real recordings (G.722, Ogg)' },
  { command: 'sphinx_fe', packages: ['sphinxbase-utils'], why: 'the Sphinx front end the MFCC port is tested against' },
  { python: 'pocketsphinx.pocketsphinx', packages: ['pocketsphinx', 'pocketsphinx-en-us', 'python3-pocketsphinx'], why: 'phone alignment of real speech; the reference of the Sphinx scorer' },
  { path: '/usr/share/pocketsphinx/model/en-us/en-us/mdef', packages: ['pocketsphinx-en-us'], why: "CMU Sphinx's US English acoustic model" },
  { path: '/usr/share/asterisk/sounds/en/digits/3.g722', packages: ['asterisk-core-sounds-en-g722', 'asterisk-core-sounds-en'], why: 'real recorded speech (the Asterisk prompts) for the real-speech corpus smoke run' },
];

export function log(message) {
  process.stderr.write(`[sotaque] ${message}\n`);
}

/** Runs a command inheriting stdio; returns its exit status. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function hasCommand(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function hasPythonModule(module) {
  return spawnSync('/usr/bin/python3', ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

/** The system packages that are missing on this machine. */
export function missingSystemPackages() {
  return SYSTEM_PACKAGES.filter((dep) => (dep.command ? !hasCommand(dep.command) : dep.path ? !existsSync(dep.path) : !hasPythonModule(dep.python)));
}

/** Installs missing system packages with apt when running as root; otherwise says what to run and exits. */
export function ensureSystemPackages() {
  const missing = missingSystemPackages();
  if (missing.length === 0) return;
  const packages = missing.flatMap((dep) => dep.packages);
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  for (const dep of missing) log(`missing ${dep.command ?? `python3 module ${dep.python}`} (needed for ${dep.why})`);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !hasCommand('apt-get')) {
    log(`install them with:\n  sudo ${command}`);
    process.exit(1);
  }
  log(`installing: ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env }) !== 0 || run('apt-get', ['install', '-y', '-qq', ...packages], { env }) !== 0) {
    log(`apt-get failed; run it yourself:\n  sudo ${command}`);
    process.exit(1);
  }
}

/**
 * Installs the locked packages when node_modules is missing or was installed from another lockfile.
 * `npm install` rather than `npm ci`: the registry reachable here serves only the linux-x64 build of
 * rollup's native packages (rollup comes in through meyda and workbox-build), so the lockfile cannot
 * list the other platforms' builds, and npm 11's `npm ci` refuses a lockfile that lacks them.
 * `npm install` installs the same locked versions.
 */
export function ensureNodeModules() {
  const lock = readFileSync(join(ROOT, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex');
  const stamp = join(ROOT, 'node_modules', '.sotaque-lock-hash');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  log('installing npm packages (npm install, from package-lock.json)');
  if (run('npm', ['install', '--no-audit', '--no-fund']) !== 0) {
    log('npm install failed');
    process.exit(1);
  }
  writeFileSync(stamp, hash);
}

/** Path of the Vulkan SwiftShader driver Chromium ships, which Dawn (npm `webgpu`) uses in Node. */
export function swiftShaderIcd() {
  const candidates = [process.env.VK_ICD_FILENAMES, '/usr/lib/chromium/vk_swiftshader_icd.json'].filter(Boolean);
  return candidates.find((path) => existsSync(path));
}
