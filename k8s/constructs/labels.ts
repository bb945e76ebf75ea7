/** The value of `app.kubernetes.io/part-of` on every object this project writes. */
export const PART_OF = 'nest-k8s-observability';

/** Labels every object of the project carries (set once per chart). */
export const PROJECT_LABELS: Readonly<Record<string, string>> = {
  'app.kubernetes.io/part-of': PART_OF,
  'app.kubernetes.io/managed-by': 'cdk8s',
};

/** The labels that pick one workload's pods; stable, because a Deployment selector is immutable. */
export function selectorLabels(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
}

/** Labels of an object that belongs to `name`, playing `component` (server, database, cache, monitoring...). */
export function componentLabels(name: string, component: string): Record<string, string> {
  return { ...selectorLabels(name), 'app.kubernetes.io/component': component };
}
