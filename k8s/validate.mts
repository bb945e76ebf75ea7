// Offline validation of everything `npm run synth` wrote into charts-out/: each object
// against the Kubernetes (kubernetes-models), Gateway API or prometheus-operator schema, then an
// unknown-field check (the schemas allow extra fields; the API server would drop or
// refuse them) against the same models' TypeScript types.
// Usage: npm run k8s:validate [-- <folder>]   Exit code 1 on any problem.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { CrdSchemas } from './crd-schemas.mjs';

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string };
  [key: string]: unknown;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(process.argv[2] ?? join(repoRoot, 'charts-out'));

function manifestFiles(directory: string): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((name) => {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) return manifestFiles(path);
      return name.endsWith('.k8s.yaml') ? [path] : [];
    });
}

/** The module of the model class for an apiVersion and kind. */
function modelModule({ apiVersion, kind }: Manifest): string {
  const path = apiVersion.includes('/') ? apiVersion : `v1`;
  if (apiVersion.startsWith('monitoring.coreos.com/')) return `@kubernetes-models/prometheus-operator/${path}/${kind}`;
  if (apiVersion.startsWith('gateway.networking.k8s.io/')) return `@kubernetes-models/gateway-api/${path}/${kind}`;
  return `kubernetes-models/${path}/${kind}`;
}

// A virtual module that names each model's interface type, so the checker can resolve it.
function typeChecker(modules: string[]) {
  const virtual = join(repoRoot, 'k8s', '__models__.mts');
  const source = modules
    .map((module, index) => {
      const kind = module.slice(module.lastIndexOf('/') + 1);
      return `import type { I${kind} as T${index} } from '${module}';\nexport declare const v${index}: T${index};`;
    })
    .join('\n');
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language) =>
    file === virtual ? ts.createSourceFile(file, source, language) : getSourceFile(file, language);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => file === virtual || fileExists(file);
  const program = ts.createProgram([virtual], options, host);
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(virtual);
  if (!file) throw new Error('cannot build the model types');
  const moduleSymbol = checker.getSymbolAtLocation(file);
  const exports = moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : [];
  const types = new Map<string, ts.Type>();
  modules.forEach((module, index) => {
    const symbol = exports.find((candidate) => candidate.name === `v${index}`);
    if (symbol) types.set(module, checker.getTypeOfSymbolAtLocation(symbol, file));
  });
  return { checker, types, file };
}

function unknownFields(value: unknown, type: ts.Type, path: string, checker: ts.TypeChecker, at: ts.Node): string[] {
  if (value === null || typeof value !== 'object') return [];
  let target = checker.getNonNullableType(type);
  if (target.isUnion()) {
    const objects = target.types.filter((member) => member.flags & ts.TypeFlags.Object);
    if (objects.length !== 1 || !objects[0]) return [];
    target = objects[0];
  }
  if (Array.isArray(value)) {
    if (!checker.isArrayType(target)) return [];
    const [element] = checker.getTypeArguments(target as ts.TypeReference);
    return element
      ? value.flatMap((item, index) => unknownFields(item, element, `${path}[${index}]`, checker, at))
      : [];
  }
  const index = checker.getIndexInfosOfType(target);
  if (index.length > 0) {
    const valueType = index[0]?.type;
    return valueType
      ? Object.entries(value).flatMap(([key, item]) => unknownFields(item, valueType, `${path}.${key}`, checker, at))
      : [];
  }
  const properties = checker.getPropertiesOfType(target);
  if (properties.length === 0) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const property = properties.find((candidate) => candidate.name === key);
    if (!property) return [`${path}.${key}: unknown field`];
    return unknownFields(item, checker.getTypeOfSymbolAtLocation(property, at), `${path}.${key}`, checker, at);
  });
}

const documents = manifestFiles(root).flatMap((file) =>
  parseAllDocuments(readFileSync(file, 'utf8')).map((document) => ({
    file: relative(repoRoot, file),
    manifest: document.toJS() as Manifest,
  })),
);
// CRDs anywhere in the output (the vendor output's CRD file) define the schemas of their objects.
const crdSchemas = new CrdSchemas(documents.map(({ manifest }) => manifest));
const modules = [...new Set(documents.map(({ manifest }) => modelModule(manifest)))].sort();
const { checker, types, file: at } = typeChecker(modules);
const problems: string[] = [];

for (const { file, manifest } of documents) {
  const where = `${file}: ${manifest.kind} ${manifest.metadata?.namespace ?? '-'}/${manifest.metadata?.name ?? '?'}`;
  // A CRD installed from the same output is what the API server will check against: it wins over
  // the npm model, which can lag the chart or differ (the model of prometheus-operator's embedded
  // PersistentVolumeClaim demands its own apiVersion and kind, which the CRD does not).
  const crdProblems = crdSchemas.problemsOf(manifest);
  if (crdProblems !== undefined) {
    problems.push(...crdProblems.map((problem) => `${where}: ${problem}`));
    continue;
  }
  const module = modelModule(manifest);
  let Model: new (data: Manifest) => { validate(): void };
  try {
    Model = ((await import(module)) as Record<string, typeof Model>)[manifest.kind] as typeof Model;
  } catch {
    problems.push(`${where}: no schema for ${manifest.apiVersion} ${manifest.kind}`);
    continue;
  }
  try {
    new Model(manifest).validate();
  } catch (error) {
    problems.push(`${where}: ${(error as Error).message}`);
  }
  const type = types.get(module);
  if (!type) problems.push(`${where}: no type for ${module}`);
  else
    problems.push(...unknownFields(manifest, type, '', checker, at).map((problem) => `${where}: ${problem.slice(1)}`));
}

if (problems.length > 0) {
  console.error(`k8s:validate: ${problems.length} problem(s) in ${relative(repoRoot, root) || '.'}:`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exitCode = 1;
} else {
  console.log(`k8s:validate: ${documents.length} objects in ${relative(repoRoot, root)} are valid (schema and fields)`);
}
