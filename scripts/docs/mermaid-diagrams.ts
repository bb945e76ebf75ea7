/**
 * Reads the Mermaid diagrams of a Markdown file and lists the names they draw, so a test can check
 * each one against the code (see code-names.ts and docs/ARCHITECTURE.md "Reading the diagrams").
 *
 * Only the part of Mermaid these docs use is understood: `graph`/`flowchart` (nodes, edges, subgraphs,
 * classes) and `sequenceDiagram` (participants, actors, messages, notes, blocks). Any other line is
 * reported as a problem rather than skipped, so a name cannot hide in syntax the reader does not parse.
 */

export interface MermaidBlock {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly source: string;
}

export interface DiagramName {
  readonly file: string;
  readonly line: number;
  /** The node, subgraph or participant id that carries the name. */
  readonly id: string;
  readonly name: string;
}

export interface DiagramReading {
  readonly names: DiagramName[];
  readonly problems: string[];
}

/** The class that marks a node as outside the code (a person, a browser, a third-party server). */
export const EXTERNAL_CLASS = 'external';

export function mermaidBlocks(markdown: string, file: string): MermaidBlock[] {
  const blocks: MermaidBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== '```mermaid') continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i]?.trim() !== '```'; i++) body.push(lines[i] ?? '');
    blocks.push({ file, line: start + 1, source: body.join('\n') });
  }
  return blocks;
}

/** The name a label stands for: its first line, without backticks. */
export function nameOfLabel(label: string): string {
  const firstLine = label.split(/<br\s*\/?>|\\n/i)[0] ?? '';
  return firstLine.trim().replace(/^`(.*)`$/, '$1');
}

const SHAPES: readonly [string, string][] = [
  ['[[', ']]'],
  ['[(', ')]'],
  ['([', '])'],
  ['((', '))'],
  ['{{', '}}'],
  ['[/', '/]'],
  ['[', ']'],
  ['(', ')'],
  ['{', '}'],
  ['>', ']'],
];
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const shapeAlternatives = SHAPES.map(
  ([open, close]) => `${escape(open)}(?:"[^"]*"|[^"${escape(close[0] ?? '')}]*)${escape(close)}`,
).join('|');
/** `ID["label"]`, `ID[(label)]`, … optionally followed by `:::class`. */
const NODE = new RegExp(`([A-Za-z_][\\w-]*)(${shapeAlternatives})(?::::([\\w-]+))?`, 'g');
const ARROW = /\s*(?:<?-{2,}>|<?-\.+->|<?={2,}>|-{3,}|-\.-|--[ox]|~~~)\s*/;
const EDGE_TEXT = /\|[^|]*\|/g;

function innerLabel(shape: string): string {
  for (const [open, close] of SHAPES) {
    if (shape.startsWith(open) && shape.endsWith(close)) {
      const inner = shape.slice(open.length, shape.length - close.length).trim();
      return inner.startsWith('"') && inner.endsWith('"') ? inner.slice(1, -1) : inner;
    }
  }
  return shape;
}

function readFlowchart(block: MermaidBlock, lines: string[]): DiagramReading {
  const problems: string[] = [];
  const labels = new Map<string, { name: string; line: number }>();
  const external = new Set<string>();
  const referenced: { id: string; line: number }[] = [];
  const at = (offset: number) => block.line + 2 + offset;

  lines.forEach((raw, offset) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('%%') || line === 'end' || /^direction\s+(TB|TD|BT|LR|RL)$/.test(line)) return;
    if (/^(classDef|style|linkStyle|click)\s/.test(line)) return;
    const classStatement = /^class\s+([\w-]+(?:\s*,\s*[\w-]+)*)\s+([\w-]+)$/.exec(line);
    if (classStatement) {
      if (classStatement[2] === EXTERNAL_CLASS) for (const id of classStatement[1]!.split(',')) external.add(id.trim());
      return;
    }
    const subgraph = /^subgraph\s+([\w-]+)\s*(?:\[\s*"?([^"\]]*)"?\s*\])?$/.exec(line);
    if (subgraph) {
      labels.set(subgraph[1]!, { name: nameOfLabel(subgraph[2] ?? subgraph[1]!), line: at(offset) });
      return;
    }
    if (line.startsWith('subgraph')) {
      problems.push(`${block.file}:${at(offset)}: write a subgraph as subgraph ID["title"]: ${line}`);
      return;
    }
    let rest = line.replace(EDGE_TEXT, ' ');
    rest = rest.replace(NODE, (_match, id: string, shape: string, cls?: string) => {
      labels.set(id, { name: nameOfLabel(innerLabel(shape)), line: at(offset) });
      if (cls === EXTERNAL_CLASS) external.add(id);
      return id;
    });
    for (const token of rest.split(ARROW).flatMap((part) => part.split('&'))) {
      const id = token.trim();
      if (id === '') continue;
      if (!/^[A-Za-z_][\w-]*$/.test(id)) {
        problems.push(
          `${block.file}:${at(offset)}: cannot read "${id}" (write nodes as ID["label"] and edges as A --> B)`,
        );
        continue;
      }
      referenced.push({ id, line: at(offset) });
    }
  });

  for (const { id, line } of referenced) {
    if (!labels.has(id)) problems.push(`${block.file}:${line}: node ${id} has no label; give it one: ${id}["name"]`);
  }
  const names = [...labels]
    .filter(([id]) => !external.has(id))
    .map(([id, { name, line }]) => ({ file: block.file, line, id, name }));
  return { names, problems };
}

const SEQUENCE_KEYWORDS = /^(autonumber|end|else\b.*|(loop|alt|opt|par|and|critical|break|rect|box)\b.*)$/;

function readSequence(block: MermaidBlock, lines: string[]): DiagramReading {
  const problems: string[] = [];
  const names: DiagramName[] = [];
  const declared = new Set<string>();
  const external = new Set<string>();
  const at = (offset: number) => block.line + 2 + offset;
  const used: { id: string; line: number }[] = [];

  lines.forEach((raw, offset) => {
    const line = raw.trim();
    const externalComment = /^%%\s*external:\s*(.+)$/.exec(line);
    if (externalComment) {
      for (const id of externalComment[1]!.split(',')) external.add(id.trim());
      return;
    }
    if (line === '' || line.startsWith('%%') || SEQUENCE_KEYWORDS.test(line)) return;
    const participant = /^(participant|actor)\s+(\w+)(?:\s+as\s+(.+))?$/.exec(line);
    if (participant) {
      const id = participant[2]!;
      declared.add(id);
      if (participant[1] === 'actor') external.add(id);
      names.push({ file: block.file, line: at(offset), id, name: nameOfLabel(participant[3] ?? id) });
      return;
    }
    const note = /^Note\s+(?:left of|right of|over)\s+([\w-]+(?:\s*,\s*[\w-]+)?)\s*:/.exec(line);
    if (note) {
      for (const id of note[1]!.split(',')) used.push({ id: id.trim(), line: at(offset) });
      return;
    }
    const activation = /^(activate|deactivate)\s+([\w-]+)$/.exec(line);
    if (activation) {
      used.push({ id: activation[2]!, line: at(offset) });
      return;
    }
    const message = /^(\w+)\s*(?:-{1,2}>>|-{1,2}>|-{1,2}x|-{1,2}\))[+-]?\s*(\w+)\s*:/.exec(line);
    if (message) {
      used.push({ id: message[1]!, line: at(offset) }, { id: message[2]!, line: at(offset) });
      return;
    }
    problems.push(`${block.file}:${at(offset)}: cannot read this sequence diagram line: ${line}`);
  });

  for (const { id, line } of used) {
    if (!declared.has(id))
      problems.push(`${block.file}:${line}: ${id} is not declared; add participant ${id} as <name>`);
  }
  return { names: names.filter((name) => !external.has(name.id)), problems };
}

/** The names one diagram draws (external nodes left out), and what could not be read. */
export function readDiagram(block: MermaidBlock): DiagramReading {
  const [header = '', ...lines] = block.source.split('\n');
  const kind = header.trim();
  if (/^(graph|flowchart)\s+(TB|TD|BT|LR|RL)$/.test(kind)) return readFlowchart(block, lines);
  if (kind === 'sequenceDiagram') return readSequence(block, lines);
  return { names: [], problems: [`${block.file}:${block.line}: unsupported diagram type "${kind}"`] };
}
