import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { editYaml, replaceIn } from './edit';

interface Policy {
  kind: string;
  metadata: { name: string };
  spec: { ingress?: { from?: Record<string, unknown>[] }[] };
}

const REPORT_POD_LABELS = { 'app.kubernetes.io/name': 'item-report' };

/** Reference solution of exercise 10: the item-report job's pods may call sample-app, and nothing else. */
export function restrictANetworkPolicy(root: string): void {
  replaceIn(
    root,
    'k8s/charts/nest-app-chart.ts',
    'allowFrom: callersOf(appName, props.apps).map((name) => selectorLabels(name)),',
    `allowFrom: [
        ...callersOf(appName, props.apps).map((name) => selectorLabels(name)),
        ...(appName === 'sample-app' ? [{ 'app.kubernetes.io/name': 'item-report' }] : []),
      ],`,
  );
  // What npm run synth writes from it.
  for (const file of readdirSync(join(root, 'charts-out', 'local')).filter((name) =>
    /-sample-app\.k8s\.yaml$/.test(name),
  )) {
    editYaml(root, `charts-out/local/${file}`, (documents) => {
      for (const object of documents as Policy[]) {
        if (object.kind !== 'NetworkPolicy' || object.metadata.name !== 'sample-app') continue;
        object.spec.ingress?.[0]?.from?.push({ podSelector: { matchLabels: REPORT_POD_LABELS } });
      }
      return documents;
    });
  }
}
