import { join } from 'node:path';
import { type Exercise } from '../exercise';
import { manifestsOf, readIfExists } from '../inspect';

export const CONSTRUCT_FILE = 'k8s/constructs/namespace-quota.ts';
const QUOTA_KEYS = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'pods'];

export const addACdk8sConstruct: Exercise = {
  number: 8,
  title: 'Add a cdk8s construct with its tests',
  level: 'intermediate',
  inspects: `${CONSTRUCT_FILE}, its spec, and the ResourceQuota in charts-out/local and charts-out/production`,
  check(target) {
    const problems: string[] = [];
    const source = readIfExists(join(target.repoDir, CONSTRUCT_FILE));
    if (source === undefined) {
      problems.push(`${CONSTRUCT_FILE} is missing`);
    } else {
      if (!/export class NamespaceQuota extends Construct\b/.test(source)) {
        problems.push(`${CONSTRUCT_FILE} should export class NamespaceQuota extends Construct`);
      }
      const props = /export interface NamespaceQuotaProps\s*\{([\s\S]*?)\n\}/.exec(source)?.[1];
      if (props === undefined) problems.push(`${CONSTRUCT_FILE} should export interface NamespaceQuotaProps`);
      else if (/^\s+(?!readonly\b)\w+\??:/m.test(props))
        problems.push('every field of NamespaceQuotaProps should be readonly');
      else if (!/@default/.test(props)) problems.push('document the defaults of NamespaceQuotaProps with @default');
    }
    const spec = readIfExists(join(target.repoDir, CONSTRUCT_FILE.replace(/\.ts$/, '.spec.ts')));
    if (spec === undefined || !spec.includes('NamespaceQuota') || !/\bexpect\(/.test(spec)) {
      problems.push(
        `${CONSTRUCT_FILE.replace(/\.ts$/, '.spec.ts')} should test NamespaceQuota (describe(NamespaceQuota.name) … expect)`,
      );
    } else if (!/toThrow/.test(spec)) {
      problems.push('the spec should also show a bad prop being refused with an error naming it (toThrow)');
    }
    for (const env of ['local', 'production']) {
      const quota = manifestsOf(target.chartsOutDir, env).find(
        (object) => object.kind === 'ResourceQuota' && object.metadata.namespace === 'nest-apps',
      );
      if (!quota) {
        problems.push(
          `charts-out/${env} has no ResourceQuota in namespace nest-apps: use NamespaceQuota in NamespacesChart and run npm run synth`,
        );
        continue;
      }
      const hard = (quota.spec?.hard ?? {}) as Record<string, unknown>;
      const absent = QUOTA_KEYS.filter((key) => hard[key] === undefined);
      if (absent.length > 0)
        problems.push(`ResourceQuota/${quota.metadata.name} in charts-out/${env} does not limit ${absent.join(', ')}`);
    }
    return Promise.resolve(problems);
  },
};
