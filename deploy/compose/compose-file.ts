import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/** The repository root (this file is deploy/compose/compose-file.ts). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

type DependsOn = string[] | Record<string, { condition?: string }>;

/** The part of a Compose service the checks read. */
export interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | { published?: string | number; host_ip?: string; target?: number })[];
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  healthcheck?: { test?: unknown; disable?: boolean };
  depends_on?: DependsOn;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export function readYaml<T>(relativePath: string): T {
  return parse(readFileSync(join(REPO_ROOT, relativePath), 'utf8'), { merge: true }) as T;
}

export function readYamlDocuments<T>(relativePath: string): T[] {
  return parseAllDocuments(readFileSync(join(REPO_ROOT, relativePath), 'utf8')).map((document) => document.toJS() as T);
}

export function environmentOf(service: ComposeService): Record<string, string> {
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, String(value ?? '')]));
}

/** `[host ip, host port]` of each published port ("127.0.0.1:8080:8080", "8080:8080", long syntax). */
export function publishedPorts(service: ComposeService): string[] {
  return (service.ports ?? []).flatMap((port) => {
    if (typeof port === 'object') {
      return port.published === undefined ? [] : [`${port.host_ip ?? '0.0.0.0'}:${port.published}`];
    }
    const parts = port.replace(/\/(tcp|udp)$/, '').split(':');
    if (parts.length === 1) return []; // container port only: Docker picks a random host port
    const hostPort = parts[parts.length - 2];
    const hostIp = parts.length === 3 ? parts[0] : '0.0.0.0';
    return [`${hostIp}:${hostPort}`];
  });
}

/** Bind mounts as `{ source, target }`; named volumes are left out. */
export function bindMounts(service: ComposeService): { source: string; target: string }[] {
  return (service.volumes ?? []).flatMap((volume) => {
    if (typeof volume === 'object') {
      return volume.type === 'bind' && volume.source && volume.target
        ? [{ source: volume.source, target: volume.target }]
        : [];
    }
    const [source = '', target = ''] = volume.split(':');
    return source.startsWith('.') || source.startsWith('/') ? [{ source, target }] : [];
  });
}

export function dependencies(service: ComposeService): { name: string; condition: string | undefined }[] {
  const dependsOn = service.depends_on ?? [];
  if (Array.isArray(dependsOn)) return dependsOn.map((name) => ({ name, condition: undefined }));
  return Object.entries(dependsOn).map(([name, { condition }]) => ({ name, condition }));
}
