import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The line that marks the shell block after it as runnable by the docs test (docs/development.md#docs-test). */
export const RUNNABLE_MARKER = '<!-- runnable -->';

export interface RunnableBlock {
  /** Where the block's fence opens, as "docs/sample-app.md:37". */
  readonly where: string;
  readonly code: string;
}

/** The marked ```bash / ```sh blocks of one markdown text, in document order. */
export function runnableBlocks(markdown: string, file: string): RunnableBlock[] {
  const lines = markdown.split('\n');
  const blocks: RunnableBlock[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    // At the start of a line only: an indented one is an example of the marker (docs/development.md).
    if (lines[index] !== RUNNABLE_MARKER) continue;
    // Prettier may put a blank line between the comment and the fence.
    let fence = index + 1;
    while (lines[fence]?.trim() === '') fence += 1;
    if (!/^```(bash|sh)\s*$/.test(lines[fence] ?? '')) {
      throw new Error(`${file}:${index + 1}: ${RUNNABLE_MARKER} must be followed by a \`\`\`bash or \`\`\`sh fence`);
    }
    const close = lines.findIndex((line, at) => at > fence && line.trim() === '```');
    if (close < 0) throw new Error(`${file}:${fence + 1}: the runnable block is never closed`);
    blocks.push({ where: `${file}:${fence + 1}`, code: lines.slice(fence + 1, close).join('\n') });
    index = close;
  }
  return blocks;
}

/** README.md and every markdown file under docs/, relative to `root`. */
export function markdownFiles(root: string): string[] {
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? walk(join(folder, entry.name))
        : entry.name.endsWith('.md')
          ? [join(folder, entry.name)]
          : [],
    );
  return [join(root, 'README.md'), ...walk(join(root, 'docs'))].map((path) => relative(root, path)).sort();
}

export function runnableBlocksOf(root: string, file: string): RunnableBlock[] {
  return runnableBlocks(readFileSync(join(root, file), 'utf8'), file);
}

/** The docs speak of the default ports; the test's apps listen on free ones. */
export function onPorts(code: string, ports: { readonly sampleApp: number; readonly llmApp: number }): string {
  return code
    .replace(/\b(?:localhost|127\.0\.0\.1):8080\b/g, `127.0.0.1:${ports.sampleApp}`)
    .replace(/\b(?:localhost|127\.0\.0\.1):8081\b/g, `127.0.0.1:${ports.llmApp}`);
}
