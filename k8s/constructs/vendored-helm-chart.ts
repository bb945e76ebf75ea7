import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiObject, Helm } from 'cdk8s';
import { Construct } from 'constructs';

export interface VendoredHelmChartProps {
  /** An unpacked chart (the folder holding Chart.yaml), fetched beforehand: synth never downloads. */
  readonly chartDirectory: string;
  readonly releaseName: string;
  readonly namespace: string;
  /** Path of the helm binary. */
  readonly helmExecutable: string;
  /**
   * @default {}
   */
  readonly values?: Readonly<Record<string, unknown>>;
  /**
   * Render the chart's CustomResourceDefinitions too.
   * @default false
   */
  readonly includeCrds?: boolean;
  /**
   * Kubernetes version the templates target (`helm template --kube-version`), so output
   * does not depend on the helm build.
   * @default '1.33.0'
   */
  readonly kubeVersion?: string;
}

interface HookCandidate {
  readonly metadata?: { readonly annotations?: Readonly<Record<string, string>> };
}

/** Whether Helm runs the object as a hook (`helm.sh/hook`: test, pre-install, post-upgrade…). */
export function isHelmHook(object: HookCandidate): boolean {
  return object.metadata?.annotations?.['helm.sh/hook'] !== undefined;
}

/** A third-party chart rendered offline with `helm template`, from a local copy, without its hooks. */
export class VendoredHelmChart extends Construct {
  private readonly helm: Helm;
  private readonly releaseName: string;

  constructor(scope: Construct, id: string, props: VendoredHelmChartProps) {
    super(scope, id);
    if (!existsSync(join(props.chartDirectory, 'Chart.yaml'))) {
      throw new Error(`chartDirectory: ${props.chartDirectory} holds no Chart.yaml; run \`npm run charts:pull\``);
    }
    if (!existsSync(props.helmExecutable)) {
      throw new Error(`helmExecutable: ${props.helmExecutable} does not exist; run \`npm run charts:pull\``);
    }
    this.releaseName = props.releaseName;
    this.helm = new Helm(this, 'release', {
      chart: props.chartDirectory,
      releaseName: props.releaseName,
      namespace: props.namespace,
      helmExecutable: props.helmExecutable,
      // Helm would otherwise mutate nothing, but cdk8s passes values through a file; copy to be safe.
      values: { ...(props.values ?? {}) },
      helmFlags: [...(props.includeCrds ? ['--include-crds'] : []), '--kube-version', props.kubeVersion ?? '1.33.0'],
    });
    // Hooks (tests, pre-install Jobs such as admission-webhook certificate generators) are Helm's
    // release lifecycle, not objects to apply: with `kubectl apply` they would run on every apply.
    for (const object of this.helm.apiObjects) {
      if (isHelmHook(object.toJson() as HookCandidate)) this.helm.node.tryRemoveChild(object.node.id);
    }
  }

  /** The rendered objects. */
  get apiObjects(): ApiObject[] {
    return this.helm.apiObjects;
  }

  /**
   * Moves the CustomResourceDefinitions into `target` (another chart), so they can be
   * applied, and established, before the objects that use them.
   */
  moveCrdsTo(target: Construct): number {
    let moved = 0;
    for (const object of this.helm.apiObjects) {
      if (object.kind !== 'CustomResourceDefinition') continue;
      new ApiObject(
        target,
        `${this.releaseName}-${object.name}`,
        object.toJson() as { apiVersion: string; kind: string },
      );
      this.helm.node.tryRemoveChild(object.node.id);
      moved++;
    }
    return moved;
  }
}
