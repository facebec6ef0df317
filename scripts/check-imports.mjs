#!/usr/bin/env node
// The dependency rule (README, "Layout"), checked on every `npm test`:
// imports point down, never sideways. Exits 1 naming each forbidden import.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');

/** What each room may import of the others (`@app/<lib>` aliases); apps may import libraries, never another app. */
const ALLOWED = {
  kernel: [],
  'presence-domain': ['kernel'],
  'routing-domain': ['kernel'],
  'event-store': ['kernel'],
  messaging: ['kernel'],
  contracts: ['kernel'],
  platform: ['kernel', 'event-store', 'messaging'],
  'what-if': ['kernel', 'presence-domain', 'routing-domain', 'event-store'],
};
const LIBRARIES = Object.keys(ALLOWED);

const sourceFiles = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
  const path = join(dir, entry.name);
  if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
  return /\.(ts|mts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
});

/** The room a path is in: `lib:<name>`, `app:<name>`, or undefined for test/bench/scripts. */
const roomOf = (path) => {
  const [top, name] = relative(root, path).split(sep);
  if (top === 'libs') return `lib:${name}`;
  if (top === 'apps') return `app:${name}`;
  return undefined;
};

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

const problemsOf = (file) => {
  const room = roomOf(file);
  if (!room) return [];
  const [kind, name] = room.split(':');
  const text = readFileSync(file, 'utf8');
  const problems = [];
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2];
    const target = spec.startsWith('.') ? roomOf(resolve(dirname(file), spec)) : spec.startsWith('@app/') ? `lib:${spec.slice(5).split('/')[0]}` : undefined;
    if (!target || target === room) continue;
    const [targetKind, targetName] = target.split(':');
    if (kind === 'lib' && targetKind === 'app') problems.push(`a library imports the app ${targetName}`);
    else if (kind === 'lib' && !(ALLOWED[name] ?? []).includes(targetName)) problems.push(`${name} may import only ${(ALLOWED[name] ?? []).join(', ') || 'nothing else'}, not ${targetName}`);
    else if (kind === 'app' && targetKind === 'app' && name !== 'standalone') problems.push(`the app ${name} imports the app ${targetName}: move the shared piece into a library`);
    else if (kind === 'app' && targetKind === 'lib' && spec.startsWith('.')) problems.push(`reach ${targetName} through @app/${targetName}, not a relative path`);
    else if (targetKind === 'lib' && !LIBRARIES.includes(targetName)) problems.push(`unknown library ${targetName}: add it to scripts/check-imports.mjs`);
    else continue;
    problems[problems.length - 1] = `${relative(root, file)}: '${spec}': ${problems[problems.length - 1]}`;
  }
  return problems;
};

const problems = ['apps', 'libs'].flatMap((dir) => sourceFiles(join(root, dir))).flatMap(problemsOf);
if (problems.length > 0) {
  process.stderr.write(`forbidden imports (the dependency rule, README "Layout"):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('check-imports: every import follows the dependency rule\n');
