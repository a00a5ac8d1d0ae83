// The README and the docs are read in a fresh clone: every link in them must lead somewhere
// inside the repository, and every #anchor to a heading that exists.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? markdownFiles(file) : name.endsWith('.md') ? [file] : [];
  });
}

const DOCUMENTS = [
  path.join(ROOT, 'README.md'),
  path.join(ROOT, 'ARCHITECTURE.md'),
  ...markdownFiles(path.join(ROOT, 'docs')),
];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1])));
}

/** Markdown links `[text](target)` outside code blocks and code spans. */
function linksOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);
}

describe('links in the README and the docs', () => {
  const cases = DOCUMENTS.flatMap((file) =>
    linksOf(file)
      .filter((target) => !/^[a-z]+:/i.test(target))
      .map((target) => [path.relative(ROOT, file), target] as const),
  );

  it('finds the documents and their links', () => {
    expect(DOCUMENTS.length).toBeGreaterThanOrEqual(5);
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases)('%s → %s stays inside the repository and exists', (from, target) => {
    const [file, anchor] = target.split('#');
    const resolved = file ? path.resolve(ROOT, path.dirname(from), file) : path.join(ROOT, from);
    expect(path.relative(ROOT, resolved).startsWith('..')).toBe(false);
    expect(existsSync(resolved)).toBe(true);
    if (anchor) expect([...anchorsOf(resolved)]).toContain(anchor);
  });

  it('links no web page of another project for what the API means', () => {
    const external = DOCUMENTS.flatMap((file) =>
      linksOf(file).filter((target) => /^https?:/.test(target)),
    );
    expect(external).toEqual([]);
  });
});
