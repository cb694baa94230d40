/**
 * lbsim outside a clone: `npm pack`, installed into a fresh project as a dev dependency, runs
 * with `npx lbsim` on the project's own scenario (the npm cache that `npm ci` filled serves the
 * dependencies; the registry is reached only for what it lacks).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, scratch } from './cli.js';

const SCENARIO = `name: my-gateway
duration: 30s
replications: 2
workload: { arrivals: { process: poisson, rate: 5/s } }
services:
  - { provider: a, model: m }
  - { provider: b, model: m, incidents: [{ kind: down, start: 10s, duration: 10s }] }
compare: { tactics: [random, latency_based], health: [unconfigured, default] }
`;

describe('the npm package', () => {
  it('installs into a fresh project and runs its scenario with npx lbsim', () => {
    const dir = scratch('lbsim-pack-');
    execFileSync('npm', ['pack', '--pack-destination', dir, '--ignore-scripts', '--silent'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    const project = join(dir, 'project');
    execFileSync('mkdir', [project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-gateway', private: true }));
    execFileSync('npm', ['install', '--save-dev', join(dir, tarball), '--prefer-offline', '--no-audit', '--no-fund', '--silent'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).devDependencies.lbsim).toMatch(/\.tgz$/);
    writeFileSync(join(project, 'my.yaml'), SCENARIO);
    const out = execFileSync('npx', ['--no-install', 'lbsim', 'run', 'my.yaml', '--out', 'out', '--format', 'json,md'], { cwd: project, encoding: 'utf8' });
    expect(out).toMatch(/^my-gateway: 4 cells x 2 replications/);
    for (const f of ['results.json', 'summary.md', 'recommended-config.json']) expect(existsSync(join(project, 'out', f)), f).toBe(true);
    // the built-in library ships too, and a reader that stops early is no error
    const listed = execFileSync('bash', ['-c', 'node node_modules/.bin/lbsim list 2>&1 | head -n 1; echo "exit=${PIPESTATUS[0]}"'], { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(listed).toMatch(/^all-down\s+When every provider is down/);
    expect(listed).toMatch(/\nexit=0\n$/);
    expect(listed).not.toMatch(/EPIPE/);
  });
});
