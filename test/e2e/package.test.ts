// issue 16: what `npm pack` ships, and that installing the tarball runs no script and works.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO, ROOT, tempDir } from './helpers.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const npm = (args: string[], cwd: string) =>
  spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });

// --ignore-scripts: the tests run on the built tree (`npm test` builds); prepack would build again.
const dry = npm(['pack', '--dry-run', '--json', '--ignore-scripts'], ROOT);
const packed: string[] = JSON.parse(dry.stdout)[0].files.map((f: { path: string }) => f.path);

/** Relative links of a markdown file ([text](target)), resolved from the package root. */
function links(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
    .map((m) => m[1]!)
    .filter((t) => !/^[a-z]+:/.test(t))
    .map((t) => normalize(join(file, '..', t)).replaceAll('\\', '/'));
}

describe('npm pack', () => {
  it('holds LICENSE, README, the docs it links, bin, dist and the schema', () => {
    expect(dry.status).toBe(0);
    for (const f of [
      'LICENSE',
      'README.md',
      'package.json',
      'bin/balance-check.js',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/bundle/cli.mjs',
      'dist/read/xls-worker.js',
      'schema/report.schema.json',
      'docs/input.md',
      'docs/output.md',
      'docs/rules.md',
    ])
      expect(packed, f).toContain(f);
  });

  it('every file the README and the docs link to is in the package', () => {
    const docs = packed.filter((f) => f === 'README.md' || /^docs\/.*\.md$/.test(f));
    expect(docs.length).toBeGreaterThan(1);
    const targets = docs.flatMap(links);
    expect(targets).toContain('docs/rules.md');
    expect(targets).toContain('schema/report.schema.json');
    for (const t of targets) expect(packed, `${t} (linked)`).toContain(t);
  });

  it('no sources, tests, fixtures, bench data, executables or dev scripts', () => {
    expect(packed.filter((f) => /^(src|test|fixtures|bench|scripts|dist-exe|node_modules|\.ci)\//.test(f))).toEqual([]);
    expect(packed).not.toContain('schema/generate.mjs');
  });

  it('the MIT LICENSE matches package.json, and no install-time script', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[s], s).toBeUndefined();
    expect(pkg.scripts.prepack).toBe('npm run build');
  });
});

describe('installing the tarball', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints no install-script warning, and the installed CLI assesses the demo', () => {
    const pack = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT);
    expect(pack.status, pack.stderr).toBe(0);
    const tgz = join(dir, JSON.parse(pack.stdout)[0].filename);
    const project = join(dir, 'project');
    spawnSync('mkdir', [project]);
    writeFileSync(join(project, 'package.json'), '{"name":"clerk","version":"1.0.0","private":true}\n');
    // The dependencies come from npm's cache (filled by `npm ci`); the registry only for what is missing.
    const install = npm(['install', '--prefer-offline', '--no-audit', '--no-fund', tgz], project);
    expect(install.status, install.stderr).toBe(0);
    const said = install.stdout + install.stderr;
    expect(said).not.toMatch(/install-scripts|install script|prepare/i);
    const bin = join(project, 'node_modules', '.bin', 'balance-check');
    expect(existsSync(bin)).toBe(true);
    const r = spawnSync(bin, [join(ROOT, DEMO)], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('青山县  结论：未达标');
  }, 180_000);
});
