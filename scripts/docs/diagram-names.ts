import { CodeNames, type SourceTree } from './code-names';
import { type MermaidBlock, mermaidBlocks, readDiagram } from './mermaid-diagrams';

export interface DiagramReport {
  readonly diagrams: MermaidBlock[];
  readonly namesChecked: number;
  /** One line per unreadable line or name that names nothing, `file:line: ...`. */
  readonly problems: string[];
}

/** Checks every name drawn in the Mermaid diagrams of the given Markdown files against the tree's code. */
export function checkDiagramNames(tree: SourceTree, markdownFiles: readonly string[]): DiagramReport {
  const code = new CodeNames(tree);
  const diagrams = markdownFiles.flatMap((file) => mermaidBlocks(tree.read(file), file));
  const problems: string[] = [];
  let namesChecked = 0;
  for (const diagram of diagrams) {
    const reading = readDiagram(diagram);
    problems.push(...reading.problems);
    for (const { file, line, id, name } of reading.names) {
      namesChecked++;
      const problem = code.problemWith(name);
      if (problem !== undefined) {
        problems.push(
          `${file}:${line}: "${name}" (${id}) ${problem}; rename it in the diagram or mark the node :::external`,
        );
      }
    }
  }
  return { diagrams, namesChecked, problems };
}
