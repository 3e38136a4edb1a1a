import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/testDatabase';

/** Which of our parts each part may import (../shared/ARCHITECTURE.md). */
const ALLOWED: Record<string, string[]> = {
  core: [],
  migrations: [],
  etl: ['core'],
  api: ['core', 'etl'],
  data: ['core', 'etl'],
  web: [],
};
/** Composition roots start things, so they alone may bring in the schema (and the demo). */
const COMPOSITION_ROOTS: Record<string, string[]> = {
  'api/src/platform.ts': ['migrations', 'data'],
  'etl/src/cli.ts': ['migrations'],
  'api/src/accounts/cli.ts': ['migrations'],
};

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(full);
    return /\.(ts|mts)$/.test(entry.name) ? [full] : [];
  });
}

function importedParts(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  const parts = new Set<string>();
  for (const spec of specifiers) {
    const pkg = /^@kbs\/([a-z]+)/.exec(spec);
    if (pkg) parts.add(pkg[1]!);
    if (spec.startsWith('.')) {
      const target = path.relative(ROOT, path.resolve(path.dirname(file), spec)).split(path.sep)[0]!;
      if (target in ALLOWED) parts.add(target);
    }
  }
  return [...parts];
}

describe('architecture', () => {
  for (const part of Object.keys(ALLOWED)) {
    it(`${part}/src imports only ${ALLOWED[part]!.join(', ') || 'nothing of ours'}`, () => {
      const violations: string[] = [];
      for (const file of sourceFiles(path.join(ROOT, part, 'src'))) {
        const rel = path.relative(ROOT, file);
        const allowed = [part, ...ALLOWED[part]!, ...(COMPOSITION_ROOTS[rel] ?? [])];
        for (const imported of importedParts(file)) {
          if (!allowed.includes(imported)) violations.push(`${rel} imports ${imported}`);
        }
      }
      expect(violations).toEqual([]);
    });
  }

  it('keeps SQL out of route modules', () => {
    const offenders = sourceFiles(path.join(ROOT, 'api', 'src'))
      .filter((f) => /Route\.ts$/.test(f))
      .filter((f) => /\b(knex\.raw|SELECT\s|INSERT\s|UPDATE\s|DELETE\s)/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
