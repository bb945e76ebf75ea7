import { join } from 'node:path';
import { directoryTree, type SourceTree, withChanges } from './code-names';
import { checkDiagramNames } from './diagram-names';
import { mermaidBlocks, readDiagram } from './mermaid-diagrams';

const REPO = join(__dirname, '..', '..');
const ARCHITECTURE = 'docs/ARCHITECTURE.md';
const repo: SourceTree = directoryTree(REPO);

describe(checkDiagramNames.name, () => {
  it('finds every name drawn in docs/ARCHITECTURE.md in the code, across at least eight diagrams', () => {
    const report = checkDiagramNames(repo, [ARCHITECTURE]);
    expect(report.problems).toEqual([]);
    expect(report.diagrams.length).toBeGreaterThanOrEqual(8);
    expect(report.namesChecked).toBeGreaterThan(100);
  });

  it('names the diagram line when a class it draws is renamed in the code', () => {
    const path = 'k8s/constructs/nest-service.ts';
    const renamed = withChanges(repo, {
      [path]: repo.read(path).replace(/\bclass NestService\b/, 'class NestWorkload'),
    });
    const { problems } = checkDiagramNames(renamed, [ARCHITECTURE]);
    expect(problems).toEqual([
      expect.stringMatching(/^docs\/ARCHITECTURE\.md:\d+: "NestService" \(NS\) is not exported by any source file;/),
    ]);
  });

  it('reports a Kubernetes object that charts-out/ no longer contains', () => {
    const files = repo.paths.filter((path) => path.startsWith('charts-out/') && path.endsWith('.yaml'));
    const changes = Object.fromEntries(
      files.map((path) => [path, repo.read(path).replaceAll('name: allow-dns', 'name: dns-egress')]),
    );
    const { problems } = checkDiagramNames(withChanges(repo, changes), [ARCHITECTURE]);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.includes('"NetworkPolicy/allow-dns"'))).toBe(true);
    expect(problems[0]).toMatch(/is not an object \(Kind\/name\) in charts-out\//);
  });

  it('reports a lib, a file, an npm script and a metric name that do not exist', () => {
    const doc = [
      '```mermaid',
      'graph LR',
      '  A["@app/nothing"] --> B["k8s/missing.ts"]',
      '  C["npm run deploy-everything"] --> D["http_requests_made_up_total"]',
      '  E["Browser"]:::external --> A',
      '```',
    ].join('\n');
    const tree = withChanges(repo, { 'fixture.md': doc });
    const { problems } = checkDiagramNames(tree, ['fixture.md']);
    expect(problems).toEqual([
      expect.stringContaining('"@app/nothing" (A) has no libs/nothing/src/index.ts'),
      expect.stringContaining('"k8s/missing.ts" (B) is not a file or directory'),
      expect.stringContaining('"npm run deploy-everything" (C) is not a script in package.json'),
      expect.stringContaining('"http_requests_made_up_total" (D) is not an app, a lib or a string in the sources'),
    ]);
  });
});

describe(readDiagram.name, () => {
  const read = (source: string) => readDiagram({ file: 'x.md', line: 1, source });

  it('takes the first line of a label as the name and leaves external nodes out', () => {
    const { names, problems } = read(
      'graph TB\n  A["NestService<br/>free text"] -->|edge text| B[("StatefulSet/redis")]\n  C["Client"]:::external --> A',
    );
    expect(problems).toEqual([]);
    expect(names.map((name) => name.name)).toEqual(['NestService', 'StatefulSet/redis']);
  });

  it('refuses a node without a label, so no name escapes the check', () => {
    expect(read('graph LR\n  A["AuthGuard"] --> Unlabelled').problems).toEqual([
      'x.md:3: node Unlabelled has no label; give it one: Unlabelled["name"]',
    ]);
  });

  it('reads sequence diagram participants and skips actors', () => {
    const { names, problems } = read(
      'sequenceDiagram\n  actor Client\n  participant G as AuthGuard\n  Client->>G: GET /\n  Note over G: ok',
    );
    expect(problems).toEqual([]);
    expect(names.map((name) => name.name)).toEqual(['AuthGuard']);
  });

  it('reports a sequence message to an undeclared participant and a diagram type it cannot read', () => {
    expect(read('sequenceDiagram\n  participant G as AuthGuard\n  G->>H: hi').problems).toEqual([
      'x.md:4: H is not declared; add participant H as <name>',
    ]);
    expect(read('pie title x').problems).toEqual(['x.md:1: unsupported diagram type "pie title x"']);
  });
});

describe(mermaidBlocks.name, () => {
  it('returns each mermaid fence with the line it opens on', () => {
    const blocks = mermaidBlocks('# t\n\n```mermaid\ngraph LR\n```\n```bash\nls\n```\n', 'a.md');
    expect(blocks).toEqual([{ file: 'a.md', line: 3, source: 'graph LR' }]);
  });
});
