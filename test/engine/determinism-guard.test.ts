import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE = join(import.meta.dirname, '..', '..', 'engine');
const FORBIDDEN = /\b(Date\.now|Math\.random|performance\.now|setTimeout|setInterval|setImmediate|new Date\(\s*\))/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('engine/ determinism', () => {
  it('reads no wall clock, real randomness or timers outside system-clock.ts', () => {
    const offenders: string[] = [];
    for (const file of sources(ENGINE)) {
      if (file.endsWith(join('balancer', 'system-clock.ts'))) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
          if (FORBIDDEN.test(code)) offenders.push(`${relative(ENGINE, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it('the guard itself catches each forbidden call', () => {
    for (const call of ['Date.now()', 'Math.random()', 'performance.now()', 'setTimeout(f, 1)', 'setInterval(f)', 'new Date()']) {
      expect(FORBIDDEN.test(`const x = ${call};`)).toBe(true);
    }
    expect(FORBIDDEN.test('new Date(timestampMs)')).toBe(false);
  });

  it('the balancer imports nothing from the rest of engine/', () => {
    const balancer = join(ENGINE, 'balancer');
    const escapes = sources(balancer).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)]
        .map((m) => join(file, '..', m[1]!))
        .filter((target) => !target.startsWith(balancer))
        .map((target) => `${relative(ENGINE, file)} -> ${relative(ENGINE, target)}`),
    );
    expect(escapes).toEqual([]);
  });
});
