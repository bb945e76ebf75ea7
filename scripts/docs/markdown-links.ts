import { dirname, join, normalize } from 'node:path';
import { type SourceTree } from './code-names';

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = heading[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

const LINK = /\[[^\]]*\]\(([^)\s]+)\)/g;

/** Relative links (and their #anchors) of the Markdown files that point at nothing, as `file: link`. */
export function brokenLinks(tree: SourceTree, markdownFiles: readonly string[]): string[] {
  const files = new Set(tree.paths);
  const directories = new Set(
    tree.paths.flatMap((path) =>
      path
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
    ),
  );
  const problems: string[] = [];
  for (const file of markdownFiles) {
    const text = tree.read(file).replace(/```[\s\S]*?```/g, '');
    for (const [, target] of text.matchAll(LINK)) {
      if (/^[a-z][a-z+.-]*:/i.test(target!) || target!.startsWith('//')) continue;
      const [path = '', anchor] = target!.split('#');
      const resolved = path === '' ? file : normalize(join(dirname(file), path)).replace(/\/$/, '');
      if (!files.has(resolved) && !directories.has(resolved)) {
        problems.push(`${file}: ${target} (no ${resolved})`);
      } else if (anchor !== undefined && resolved.endsWith('.md') && !headingAnchors(tree.read(resolved)).has(anchor)) {
        problems.push(`${file}: ${target} (no heading #${anchor} in ${resolved})`);
      }
    }
  }
  return problems;
}
