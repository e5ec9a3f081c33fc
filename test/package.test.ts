/**
 * What `npm pack` would publish: the built JavaScript, the verify probe, README,
 * LICENSE and package.json, and no source maps (the TypeScript they would point to is not
 * shipped).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('the published package', () => {
  it('holds the built JavaScript, README and MIT LICENSE, and no source maps', () => {
    // --ignore-scripts: `npm test` has built dist already; rebuilding here would race the other tests.
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }));
    const files: string[] = pack.files.map((file: { path: string }) => file.path);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/src/cli.js', 'dist/src/parse-worker.js', 'dist/transforms/index.js', 'probe/sitecustomize.py', 'probe/rng_fix_probe.py']));
    expect(files.filter((file) => file.endsWith('.map')), 'source maps would point to .ts files that are not shipped').toEqual([]);
    // `rng-fix verify`'s probe is Python, put on the user's PYTHONPATH from the package.
    expect(files.filter((file) => !/^dist\/.*\.js$/.test(file) && !/^probe\/[\w]+\.py$/.test(file) && !['LICENSE', 'README.md', 'package.json'].includes(file))).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).license).toBe('MIT');
    expect(readFileSync(path.join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 rng-fix contributors\n/);
  });
});
