import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { editYaml, replaceIn } from './edit';

export const LOCAL_AUTOSCALING = { minReplicas: 2, maxReplicas: 5, cpuUtilization: 60, memoryUtilization: 80 };

interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec: Record<string, unknown>;
}

/** Reference solution of exercise 9: sample-app autoscaled in the local environment. */
export function autoscale(root: string): void {
  replaceIn(
    root,
    'k8s/environments/local.ts',
    /('sample-app': \{\n\s+replicas: 2,\n\s+)autoscaling: null,/,
    `$1autoscaling: { minReplicas: 2, maxReplicas: 5, cpuUtilization: 60, memoryUtilization: 80 },`,
  );
  // What npm run synth writes from it (the spec also synthesizes it for real).
  const file = readdirSync(join(root, 'charts-out/local')).find((name) => name.endsWith('-sample-app.k8s.yaml'))!;
  editYaml(root, `charts-out/local/${file}`, (documents) => {
    const objects = documents as Manifest[];
    const deployment = objects.find((object) => object.kind === 'Deployment')!;
    delete deployment.spec.replicas;
    return [
      ...objects,
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'sample-app', namespace: deployment.metadata.namespace },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'sample-app' },
          minReplicas: 2,
          maxReplicas: 5,
          metrics: [
            { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
            { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
          ],
        },
      },
    ];
  });
}
