// The README and the pages of docs/ stay true to the repository: every link resolves to a file in it (an anchor to a
// heading that exists), nothing points outside it, and every flag the README names is one the CLI takes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OPTIONS } from '../../src/cli/args.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGES = [
  'README.md',
  'ARCHITECTURE.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const read = (page: string) => readFileSync(join(ROOT, page), 'utf8');

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replaceAll(' ', '-');
}

function anchors(page: string): string[] {
  return [...read(page).matchAll(/^#+ (.+)$/gm)].map((m) => anchor(m[1]));
}

describe.each(PAGES)('%s', (page) => {
  const links = [...read(page).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);

  it('links only to files of this repository, and to headings they have', () => {
    for (const link of links) {
      expect(link, `${page} points outside the repository`).not.toMatch(/^[a-z]+:/i);
      const [path, hash] = link.split('#');
      const target = path ? normalize(join(dirname(page), path)) : page;
      expect(existsSync(join(ROOT, target)), `${page} → ${link}`).toBe(true);
      if (hash !== undefined && target.endsWith('.md')) expect(anchors(target), `${page} → ${link}`).toContain(hash);
    }
  });
});

describe('README.md', () => {
  it('names only flags the CLI takes', () => {
    const named = new Set(read('README.md').match(/(?<![\w-])--[a-z][a-z-]*/g));
    const known = new Set([...Object.keys(OPTIONS), 'help'].map((f) => `--${f}`));
    expect([...named].filter((f) => !known.has(f))).toEqual([]);
  });

  it('is read in ten minutes: about 250 lines', () => {
    expect(read('README.md').split('\n').length).toBeLessThanOrEqual(280);
  });
});
