// The house rules of ARCHITECTURE.md, checked on the code's own imports: the composition root
// (src/app) on top, the domains in the middle, the shared layers (src/db, src/schema) below, and
// arrows that only point down. A new import that climbs back up fails here with its file named.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sourceFiles(file) : file.endsWith('.ts') ? [file] : [];
  });
}

/** The top-level unit of src a file belongs to: a folder (`regions`) or a file (`config`). */
const unitOf = (file: string) => path.relative(SRC, file).split(path.sep)[0].replace(/\.ts$/, '');

interface ImportArrow {
  file: string;
  from: string;
  to: string;
}

const arrows: ImportArrow[] = sourceFiles(SRC).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)]
    .map((match) => path.resolve(path.dirname(file), match[1]))
    .filter((target) => target.startsWith(SRC + path.sep))
    .map((target) => ({ file: path.relative(SRC, file), from: unitOf(file), to: unitOf(target) }))
    .filter((arrow) => arrow.from !== arrow.to),
);

const SHARED = ['db', 'schema', 'config', 'logger'];
const DOMAINS = [
  'auth',
  'regions',
  'institutions',
  'services',
  'one-stop',
  'referrals',
  'events',
  'audit',
  'statistics',
  'network-import',
  'webhooks',
  'seed',
];
const described = (list: ImportArrow[]) => list.map(({ file, to }) => `${file} → ${to}`);

describe('the layers of src/', () => {
  it('reads a real import graph', () => {
    expect(arrows.length).toBeGreaterThan(20);
    expect(new Set(arrows.map((arrow) => arrow.from))).toEqual(
      new Set(['app', 'db', 'schema', 'logger', ...DOMAINS]),
    );
  });

  it('keeps the shared layers free of every domain and of the composition root', () => {
    const up = arrows.filter((arrow) => SHARED.includes(arrow.from) && !SHARED.includes(arrow.to));
    expect(described(up)).toEqual([]);
  });

  it('lets only the composition root import it', () => {
    expect(described(arrows.filter((arrow) => arrow.to === 'app' && arrow.from !== 'app'))).toEqual(
      [],
    );
  });

  it('has no two folders that import each other, at any distance', () => {
    const next = new Map<string, Set<string>>();
    for (const { from, to } of arrows) next.set(from, (next.get(from) ?? new Set()).add(to));
    const reaches = (start: string, goal: string, seen = new Set<string>()): boolean =>
      [...(next.get(start) ?? [])].some(
        (unit) => unit === goal || (!seen.has(unit) && (seen.add(unit), reaches(unit, goal, seen))),
      );
    const circular = [...next.keys()].filter((unit) => reaches(unit, unit));
    expect(circular).toEqual([]);
  });
});

describe('one way to run SQL', () => {
  const files = sourceFiles(SRC).map((file) => ({
    name: path.relative(SRC, file),
    text: readFileSync(file, 'utf8'),
  }));

  // database.ts creates the database itself, on the server's maintenance database, before any
  // DataSource can exist; change-feed.ts LISTENs on a connection of its own, outside the pool.
  const ALLOWED = [
    path.join('db', 'sql.ts'),
    path.join('db', 'database.ts'),
    path.join('db', 'change-feed.ts'),
  ];

  it('sends every statement of the project through src/db/sql.ts', () => {
    const elsewhere = files
      .filter(({ name }) => !ALLOWED.includes(name))
      .filter(({ text }) => /\.query\(|\.master\b|PostgresDriver|createQueryRunner/.test(text))
      .map(({ name }) => name);
    expect(elsewhere).toEqual([]);
  });
});

describe('the files of src/', () => {
  const files = sourceFiles(SRC).map((file) => ({
    name: path.relative(SRC, file),
    text: readFileSync(file, 'utf8'),
  }));

  it('each open with a comment saying what the file is for', () => {
    expect(files.filter(({ text }) => !text.startsWith('// ')).map(({ name }) => name)).toEqual([]);
  });

  it('cite no document outside the repository', () => {
    const outside = files
      .filter(({ text }) => /\.\.\/shared|DESIGN\.md|STYLE\.md/.test(text))
      .map(({ name }) => name);
    expect(outside).toEqual([]);
  });
});
