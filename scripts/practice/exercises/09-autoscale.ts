import { join } from 'node:path';
import { type Exercise } from '../exercise';
import { findObject, manifestsOf, readIfExists } from '../inspect';

interface Hpa {
  readonly minReplicas?: number;
  readonly maxReplicas?: number;
  readonly metrics?: { readonly resource?: { readonly name?: string } }[];
}

export const autoscale: Exercise = {
  number: 9,
  title: 'Scale under load and watch the HPA',
  level: 'intermediate',
  inspects: 'k8s/environments/local.ts and sample-app’s HorizontalPodAutoscaler and Deployment in charts-out/local',
  check(target) {
    const problems: string[] = [];
    const local = readIfExists(join(target.repoDir, 'k8s/environments/local.ts')) ?? '';
    const sampleApp = /'sample-app':\s*\{([\s\S]*?)\n {4}\},/.exec(local)?.[1] ?? '';
    if (/autoscaling:\s*null/.test(sampleApp)) {
      problems.push("k8s/environments/local.ts: sample-app's autoscaling is still null");
    }
    const objects = manifestsOf(target.chartsOutDir, 'local');
    const hpa = findObject(objects, 'HorizontalPodAutoscaler', 'sample-app');
    if (!hpa) {
      problems.push(
        'charts-out/local has no HorizontalPodAutoscaler/sample-app: set autoscaling and run npm run synth',
      );
    } else {
      const spec = hpa.spec as Hpa;
      if ((spec.maxReplicas ?? 0) < 4)
        problems.push(
          `HorizontalPodAutoscaler/sample-app allows ${spec.maxReplicas} replicas: give the load room, at least 4`,
        );
      if ((spec.minReplicas ?? 0) < 2)
        problems.push('HorizontalPodAutoscaler/sample-app should keep at least 2 replicas');
      if (!(spec.metrics ?? []).some((metric) => metric.resource?.name === 'cpu')) {
        problems.push('HorizontalPodAutoscaler/sample-app does not scale on CPU');
      }
    }
    const deployment = findObject(objects, 'Deployment', 'sample-app');
    if (deployment?.spec?.replicas !== undefined) {
      problems.push(
        'Deployment/sample-app still sets replicas: with an HPA the Deployment must not, or every apply resets the count',
      );
    }
    return Promise.resolve(problems);
  },
};
