import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** Helpers the checks share: reading the learner's files, manifests and running apps. */

export function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Files under a folder whose names pass the filter, as paths relative to `root`. */
export function filesUnder(root: string, folder: string, filter: (name: string) => boolean): string[] {
  const start = join(root, folder);
  if (!existsSync(start)) return [];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (filter(entry.name)) found.push(relative(root, path));
    }
  };
  walk(start);
  return found.sort();
}

export const isSource = (name: string) => name.endsWith('.ts') && !/\.(spec|e2e-spec|integration-spec)\.ts$/.test(name);

export interface KubeObject {
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly spec?: Record<string, unknown>;
  readonly [field: string]: unknown;
}

/** Every object of one environment's synthesized manifests (`charts-out/<env>/**`). */
export function manifestsOf(chartsOutDir: string, env: string): KubeObject[] {
  return filesUnder(chartsOutDir, env, (name) => name.endsWith('.yaml')).flatMap((path) =>
    parseAllDocuments(readFileSync(join(chartsOutDir, path), 'utf8'))
      .map((document) => document.toJS() as KubeObject | null)
      .filter((object): object is KubeObject => object !== null && typeof object.kind === 'string'),
  );
}

export function findObject(objects: readonly KubeObject[], kind: string, name: string): KubeObject | undefined {
  return objects.find((object) => object.kind === kind && object.metadata.name === name);
}

export interface RuleFileRule {
  readonly alert?: string;
  readonly record?: string;
  readonly expr: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/** The rules of observability/generated/rules/*.yaml, as promtool and the PrometheusRules get them. */
export function generatedRules(repoDir: string): RuleFileRule[] {
  return filesUnder(repoDir, 'observability/generated/rules', (name) => name.endsWith('.yaml')).flatMap((path) => {
    const file = parseAllDocuments(readFileSync(join(repoDir, path), 'utf8'))[0]?.toJS() as
      { groups?: { rules?: RuleFileRule[] }[] } | undefined;
    return (file?.groups ?? []).flatMap((group) => group.rules ?? []);
  });
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

/** GET or POST a URL with a short deadline; a connection failure becomes a sentence, not a throw. */
export async function http(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<HttpAnswer | string> {
  try {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    let body: unknown = undefined;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, body, text };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    return `${url} does not answer (${cause})`;
  }
}
