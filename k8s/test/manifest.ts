// Reading synthesized or rendered objects, apart from synthesizing them (no cdk8s, no app code).

/** A synthesized Kubernetes object, loosely typed for assertions. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  // Assertions walk arbitrary manifest shapes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
}

/** Whether `labels` contains every pair of `selector` (an empty selector matches everything). */
export function matches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) {
  return Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);
}

/** Pod templates of workloads, with the workload they belong to. */
export function podTemplates(objects: readonly Manifest[]) {
  return objects
    .filter((object) => ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(object.kind))
    .map((workload) => {
      const { template } = workload.spec as {
        template: { metadata: { labels: Record<string, string> }; spec: Manifest };
      };
      return {
        workload,
        namespace: workload.metadata.namespace,
        labels: template.metadata.labels,
        spec: template.spec,
      };
    });
}
