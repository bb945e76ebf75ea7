/* eslint-disable @typescript-eslint/no-unsafe-member-access -- manifests read from YAML are walked loosely; each use checks its shape */
/** Kubernetes objects as read from charts-out (only the fields the kubelet uses here). */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  // Manifests are read loosely; each helper checks what it uses.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly [key: string]: any;
}

export interface PodIdentity {
  readonly name: string;
  readonly namespace: string;
}

/** The data of a ConfigMap, or a Secret's `data` (base64) and `stringData` (which wins, as the API server merges it). */
function dataOf(object: K8sObject): Record<string, string> {
  if (object.kind === 'ConfigMap') return { ...(object.data as Record<string, string> | undefined) };
  const decoded = Object.fromEntries(
    Object.entries((object.data ?? {}) as Record<string, string>).map(([k, v]) => [
      k,
      Buffer.from(v, 'base64').toString('utf8'),
    ]),
  );
  return { ...decoded, ...(object.stringData as Record<string, string> | undefined) };
}

/** `$(VAR)` references expanded from the variables defined so far; `$$` escapes; unknown ones stay as written. */
export function expandReferences(value: string, defined: Readonly<Record<string, string>>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (match, name: string | undefined) =>
    name === undefined ? '$' : (defined[name] ?? match),
  );
}

/**
 * A container's environment as the kubelet builds it: `envFrom` sources in order (a later one
 * overrides), then `env` entries in order (overriding `envFrom`; `value` with `$(VAR)` expanded,
 * `valueFrom` from a ConfigMap or Secret key or the downward API).
 */
export function containerEnvironment(
  container: K8sObject,
  pod: PodIdentity,
  objects: readonly K8sObject[],
): Record<string, string> {
  const find = (kind: 'ConfigMap' | 'Secret', name: string) => {
    const object = objects.find(
      (o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === pod.namespace,
    );
    if (!object)
      throw new Error(
        `${pod.namespace}/${pod.name}: ${kind} ${name} does not exist (the kubelet would not start the container)`,
      );
    return dataOf(object);
  };
  const env: Record<string, string> = {};
  for (const source of (container.envFrom ?? []) as K8sObject[]) {
    const data = source.configMapRef
      ? find('ConfigMap', source.configMapRef.name as string)
      : find('Secret', source.secretRef.name as string);
    for (const [key, value] of Object.entries(data))
      env[`${(source.prefix as string | undefined) ?? ''}${key}`] = value;
  }
  const downward: Record<string, string> = { 'metadata.name': pod.name, 'metadata.namespace': pod.namespace };
  for (const entry of (container.env ?? []) as K8sObject[]) {
    const name = entry.name as string;
    if (entry.value !== undefined) env[name] = expandReferences(entry.value as string, env);
    else if (entry.valueFrom?.fieldRef) {
      const path = entry.valueFrom.fieldRef.fieldPath as string;
      if (!(path in downward)) throw new Error(`${name}: downward API field ${path} is not modelled`);
      env[name] = downward[path] ?? '';
    } else if (entry.valueFrom?.configMapKeyRef) {
      env[name] =
        find('ConfigMap', entry.valueFrom.configMapKeyRef.name as string)[
          entry.valueFrom.configMapKeyRef.key as string
        ] ?? '';
    } else if (entry.valueFrom?.secretKeyRef) {
      env[name] =
        find('Secret', entry.valueFrom.secretKeyRef.name as string)[entry.valueFrom.secretKeyRef.key as string] ?? '';
    }
  }
  return env;
}

/** The process a container runs: `command` replaces the image's entrypoint, `args` its CMD; `$(VAR)` expanded in both. */
export function containerProcess(
  container: K8sObject,
  image: { readonly entrypoint: readonly string[]; readonly cmd: readonly string[] },
  env: Readonly<Record<string, string>>,
): string[] {
  const command = (container.command as string[] | undefined) ?? image.entrypoint;
  const args = (container.args as string[] | undefined) ?? (container.command ? [] : image.cmd);
  return [...command, ...args].map((part) => expandReferences(part, env));
}
