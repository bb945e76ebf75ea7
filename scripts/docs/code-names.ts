import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * What a diagram may name, read from a source tree: exported TypeScript symbols, apps and libs,
 * repository paths, the Kubernetes objects in charts-out/, npm scripts, and string literals of the
 * sources (metric names, chart names). The grammar of a name (docs/ARCHITECTURE.md, "Reading the
 * diagrams") decides which of these it is looked up in.
 */
export interface SourceTree {
  /** Every file, as a path relative to the root with `/` separators. */
  readonly paths: readonly string[];
  read(path: string): string;
}

const SKIPPED_DIRECTORIES = new Set([
  '.git',
  'node_modules',
  'dist',
  'coverage',
  '.cache',
  'data',
  'charts-out-vendor',
  '.stryker-tmp',
]);

/** The files under a directory, as a SourceTree (build output, caches and dependencies left out). */
export function directoryTree(root: string): SourceTree {
  const paths: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path);
      } else if (entry.isFile()) paths.push(path);
    }
  };
  walk('');
  return { paths, read: (path) => readFileSync(join(root, path), 'utf8') };
}

/** A tree whose listed files read differently: how a test renames something without touching the repo. */
export function withChanges(tree: SourceTree, changes: Readonly<Record<string, string | null>>): SourceTree {
  const paths = tree.paths.filter((path) => changes[path] !== null);
  for (const path of Object.keys(changes)) if (changes[path] !== null && !paths.includes(path)) paths.push(path);
  return { paths, read: (path) => changes[path] ?? tree.read(path) };
}

const SOURCE_ROOTS = ['apps/', 'libs/', 'k8s/', 'observability/src/', 'scripts/', 'test/support/', 'deploy/', 'bench/'];
const TEST_FILE = /\.(spec|e2e-spec|integration-spec|obs-spec|resilience-spec)\.ts$|\/test\/fixtures\//;
const EXPORT =
  /^export\s+(?:declare\s+)?(?:default\s+)?(?:abstract\s+)?(?:class|function\*?|const|let|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm;
const EXPORT_LIST = /^export\s+(?:type\s+)?\{([^}]*)\}/gm;
const STRING_LITERAL = /'([^'\n\\]*)'|"([^"\n\\]*)"|`([^`\n\\$]*)`/g;

export class CodeNames {
  private readonly files = new Set<string>();
  private readonly directories = new Set<string>();
  /** Exported symbol → the files that export it. */
  private readonly symbols = new Map<string, string[]>();
  private readonly literals = new Set<string>();
  private readonly objects = new Set<string>();
  private readonly scripts = new Set<string>();

  constructor(private readonly tree: SourceTree) {
    for (const path of tree.paths) {
      this.files.add(path);
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) this.directories.add(parts.slice(0, i).join('/'));
      if (/\.(ts|mts)$/.test(path) && SOURCE_ROOTS.some((root) => path.startsWith(root)) && !TEST_FILE.test(path)) {
        this.indexSource(path, tree.read(path));
      }
      if (path.startsWith('charts-out/') && path.endsWith('.yaml')) this.indexManifests(tree.read(path));
    }
    if (this.files.has('package.json')) {
      const manifest = JSON.parse(tree.read('package.json')) as { scripts?: Record<string, string> };
      for (const script of Object.keys(manifest.scripts ?? {})) this.scripts.add(script);
    }
  }

  private indexSource(path: string, text: string): void {
    const add = (symbol: string) => this.symbols.set(symbol, [...(this.symbols.get(symbol) ?? []), path]);
    for (const match of text.matchAll(EXPORT)) add(match[1]!);
    for (const match of text.matchAll(EXPORT_LIST)) {
      for (const item of match[1]!.split(',')) {
        const exported = item
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)
          .pop();
        if (exported) add(exported.trim());
      }
    }
    for (const match of text.matchAll(STRING_LITERAL)) this.literals.add(match[1] ?? match[2] ?? match[3] ?? '');
  }

  private indexManifests(text: string): void {
    for (const document of parseAllDocuments(text)) {
      const object = document.toJS() as { kind?: string; metadata?: { name?: string } } | null;
      if (object?.kind && object.metadata?.name) this.objects.add(`${object.kind}/${object.metadata.name}`);
    }
  }

  /** Why the name resolves to nothing, or undefined when it names something that exists. */
  problemWith(name: string): string | undefined {
    if (name === '') return 'is empty';
    if (this.files.has(name) || this.directories.has(name.replace(/\/$/, ''))) return undefined;
    const npm = /^npm (?:run (\S+)|(start|test))$/.exec(name);
    if (npm) return this.scripts.has(npm[1] ?? npm[2]!) ? undefined : 'is not a script in package.json';
    const lib = /^@app\/([\w-]+)$/.exec(name);
    if (lib) return this.files.has(`libs/${lib[1]}/src/index.ts`) ? undefined : `has no libs/${lib[1]}/src/index.ts`;
    if (/^[A-Z][A-Za-z]+\/[\w.-]+$/.test(name)) {
      return this.objects.has(name) ? undefined : 'is not an object (Kind/name) in charts-out/';
    }
    if (name.includes('/') || /^[\w.-]+\.(ts|mts|mjs|js|json|ya?ml|md)$/.test(name)) {
      const path = name.replace(/\/$/, '');
      return this.files.has(path) || this.directories.has(path) ? undefined : 'is not a file or directory';
    }
    const member = /^([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)$/.exec(name);
    if (member) {
      const owners = this.symbols.get(member[1]!);
      if (!owners) return `: ${member[1]} is not exported by any source file`;
      const declared = owners.some((path) => new RegExp(`\\b${member[2]}\\s*[(<:=]`).test(this.tree.read(path)));
      return declared ? undefined : `: ${member[1]} has no member ${member[2]}`;
    }
    if (/^[A-Z][\w$]*$/.test(name) || /^[a-z][a-zA-Z0-9$]*[A-Z][\w$]*$/.test(name)) {
      return this.symbols.has(name) ? undefined : 'is not exported by any source file';
    }
    if (/^[a-z][a-z0-9]*(?:[-_:][a-z0-9]+)*$/.test(name)) {
      if (this.directories.has(`apps/${name}`) || this.directories.has(`libs/${name}`)) return undefined;
      return this.literals.has(name) ? undefined : 'is not an app, a lib or a string in the sources';
    }
    return 'is not a name the diagram test understands (see docs/ARCHITECTURE.md, "Reading the diagrams")';
  }
}
