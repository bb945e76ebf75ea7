import { type App } from 'cdk8s';

interface Manifest {
  kind?: string;
  metadata?: { namespace?: string };
  spec?: Record<string, unknown>;
}

/** Containers and init containers of any pod template in a manifest. */
export function podSpecsOf(object: Manifest): Record<string, unknown>[] {
  const spec = object.spec ?? {};
  const template = (spec.template ?? (spec.jobTemplate as Manifest | undefined)?.spec?.template) as
    { spec?: Record<string, unknown> } | undefined;
  return template?.spec ? [template.spec] : [];
}

function imagesOf(object: Manifest): string[] {
  return podSpecsOf(object).flatMap((pod) =>
    [...((pod.initContainers as { image: string }[]) ?? []), ...((pod.containers as { image: string }[]) ?? [])].map(
      (container) => container.image,
    ),
  );
}

function hostsOf(object: Manifest): string[] {
  if (object.kind !== 'Ingress') return [];
  return ((object.spec?.rules as { host?: string }[]) ?? []).flatMap((rule) => (rule.host ? [rule.host] : []));
}

const unique = (values: string[]) => [...new Set(values)].sort();

/** One line per chart: objects by kind, images, hosts, namespaces. */
export function summarize(app: App): string[] {
  return app.charts.map((chart) => {
    const objects = Object.values(chart.toJson() as Manifest[]);
    const kinds = new Map<string, number>();
    for (const object of objects) kinds.set(object.kind ?? '?', (kinds.get(object.kind ?? '?') ?? 0) + 1);
    const parts = [
      [...kinds]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([kind, count]) => `${count} ${kind}`)
        .join(', '),
    ];
    const images = unique(objects.flatMap(imagesOf));
    const hosts = unique(objects.flatMap(hostsOf));
    const namespaces = unique(
      objects.flatMap((object) => (object.metadata?.namespace ? [object.metadata.namespace] : [])),
    );
    if (images.length > 0) parts.push(`images: ${images.join(' ')}`);
    if (hosts.length > 0) parts.push(`hosts: ${hosts.join(' ')}`);
    if (namespaces.length > 0) parts.push(`namespaces: ${namespaces.join(' ')}`);
    return `  ${chart.node.id.padEnd(22)} ${parts.join('; ')}`;
  });
}
