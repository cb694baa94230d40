// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The folders of engine/ in the order data flows through them, and what each may import: the
 * balancer imports nothing; each layer imports only the layers it is composed from. Cross-folder
 * imports go through the folder's index.ts.
 */
export const MAY_IMPORT = {
  balancer: [],
  'balancer-later': ['balancer'],
  sim: ['balancer'],
  workload: ['balancer', 'sim'],
  providers: ['balancer', 'sim'],
  gateway: ['balancer', 'balancer-later', 'sim', 'workload', 'providers'],
  metrics: ['balancer', 'balancer-later', 'sim', 'providers', 'gateway'],
  scenario: ['balancer', 'balancer-later', 'sim', 'workload', 'providers', 'gateway', 'metrics'],
  run: ['balancer', 'balancer-later', 'sim', 'workload', 'providers', 'gateway', 'metrics', 'scenario'],
  calibrate: ['balancer', 'balancer-later', 'sim', 'workload', 'providers', 'gateway', 'metrics', 'scenario', 'run'],
  cli: ['balancer', 'balancer-later', 'sim', 'workload', 'providers', 'gateway', 'metrics', 'scenario', 'run', 'calibrate'],
};
const FOLDERS = Object.keys(MAY_IMPORT);

/** The import rules of one engine folder (`up` is the path from its files to engine/). */
function folderRules(folder, up) {
  const patterns = [
    {
      regex: `^${up}(${FOLDERS.join('|')})/(?!index\\.js$)`,
      message: 'import another engine folder through its index.ts (../<folder>/index.js)',
    },
    ...FOLDERS.filter((other) => other !== folder && !MAY_IMPORT[folder].includes(other)).map((other) => ({
      regex: `^${up}${other}/`,
      message: `engine/${folder} may not import engine/${other}: imports follow the data flow (${FOLDERS.join(' -> ')})`,
    })),
  ];
  if (folder !== 'cli') patterns.push({ regex: `^${up}(simulate|index|cli)\\.js$`, message: `engine/${folder} may not import the library's entry points` });
  if (folder !== 'cli') patterns.push({ regex: `^${up}\\.\\./reports/`, message: 'engine/ does not import reports/ (only the command line renders them)' });
  return { 'no-restricted-imports': ['error', { patterns }] };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/out/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['engine/**/*.ts'],
    ignores: ['engine/balancer/system-clock.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'engine/ takes randomness from an injected Rng.' },
        { object: 'Date', property: 'now', message: 'engine/ takes time from an injected Clock.' },
        { object: 'performance', property: 'now', message: 'engine/ takes time from an injected Clock.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'engine/ has no timers: schedule events in the kernel.' },
        { name: 'setInterval', message: 'engine/ has no timers: schedule events in the kernel.' },
        { name: 'setImmediate', message: 'engine/ has no timers.' },
      ],
    },
  },
  ...FOLDERS.flatMap((folder) => [
    { files: [`engine/${folder}/*.ts`], rules: folderRules(folder, '\\.\\./') },
    { files: [`engine/${folder}/*/**/*.ts`], rules: folderRules(folder, '\\.\\./\\.\\./') },
  ]),
  {
    files: ['reports/**/*.ts'],
    rules: {
      // From reports/ and its subfolders (charts/, sections/): ../engine/index.js, ../../engine/index.js.
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(\\.\\./)+engine/(?!index\\.js$)', message: 'reports/ reads results through the library API (engine/index.js), never engine internals' }] }],
    },
  },
  {
    files: ['engine/**/*.ts', 'reports/**/*.ts', 'bench/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
);
