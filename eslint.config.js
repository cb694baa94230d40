// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/out/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
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
);
