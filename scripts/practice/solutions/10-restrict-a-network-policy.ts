import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { editYaml, replaceIn } from './edit';

interface Policy {
  kind: string;
  spec: { ingress?: { from?: Record<string, unknown>[] }[] };
}

const PROMETHEUS = { 'app.kubernetes.io/name': 'prometheus' };

/** Reference solution of exercise 10: only Prometheus' pods, not the whole monitoring namespace, reach the apps. */
export function restrictANetworkPolicy(root: string): void {
  replaceIn(
    root,
    'k8s/constructs/nest-service.ts',
    '[namespacePeer(p.monitoringNamespace)]',
    `[{ ...namespacePeer(p.monitoringNamespace), podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } }]`,
  );
  // What npm run synth writes from it.
  for (const env of ['local', 'production']) {
    for (const file of readdirSync(join(root, 'charts-out', env)).filter((name) =>
      /-(sample|llm)-app\.k8s\.yaml$/.test(name),
    )) {
      editYaml(root, `charts-out/${env}/${file}`, (documents) => {
        for (const object of documents as Policy[]) {
          if (object.kind !== 'NetworkPolicy') continue;
          for (const peer of (object.spec.ingress ?? []).flatMap((rule) => rule.from ?? [])) {
            const selector = peer.namespaceSelector as { matchLabels?: Record<string, string> } | undefined;
            if (selector?.matchLabels?.['kubernetes.io/metadata.name'] === 'monitoring') {
              peer.podSelector = { matchLabels: PROMETHEUS };
            }
          }
        }
        return documents;
      });
    }
  }
}
