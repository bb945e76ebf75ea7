import { type ContainerResources, type HardenedContainerContext, hardenedContainer, resources } from './resources';

/** The part of the Alloy chart values this project sets: a DaemonSet tailing pod logs into Loki. */
export interface AlloyValues {
  readonly controller: { readonly type: 'daemonset' };
  readonly alloy: {
    readonly configMap: { readonly create: boolean; readonly content: string };
    readonly mounts: { readonly varlog: boolean };
    readonly resources: ContainerResources;
    /**
     * Alloy reads the node's pod log files, which belong to root: it stays root (the reason the
     * monitoring namespace is not `restricted`), but without escalation or capabilities.
     */
    readonly securityContext: HardenedContainerContext;
    /** No usage statistics sent to Grafana Labs. */
    readonly enableReporting: boolean;
    readonly extraEnv: readonly {
      readonly name: string;
      readonly valueFrom: { readonly fieldRef: { readonly fieldPath: string } };
    }[];
  };
  readonly configReloader: {
    readonly resources: ContainerResources;
    readonly securityContext: HardenedContainerContext;
  };
}

/** Alloy configuration: the pods of this node, their CRI log files, labelled, pushed to Loki. */
function alloyConfig(lokiUrl: string): string {
  return `discovery.kubernetes "pods" {
  role = "pod"
  selectors {
    role  = "pod"
    field = "spec.nodeName=" + sys.env("NODE_NAME")
  }
}

discovery.relabel "pods" {
  targets = discovery.kubernetes.pods.targets
  rule {
    source_labels = ["__meta_kubernetes_namespace"]
    target_label  = "namespace"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_name"]
    target_label  = "pod"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_container_name"]
    target_label  = "container"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_label_app_kubernetes_io_name"]
    target_label  = "app"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_uid", "__meta_kubernetes_pod_container_name"]
    separator     = "/"
    target_label  = "__path__"
    replacement   = "/var/log/pods/*$1/*.log"
  }
}

local.file_match "pods" {
  path_targets = discovery.relabel.pods.output
}

loki.source.file "pods" {
  targets    = local.file_match.pods.targets
  forward_to = [loki.process.pods.receiver]
}

loki.process "pods" {
  stage.cri {}
  forward_to = [loki.write.default.receiver]
}

loki.write "default" {
  endpoint {
    url = "${lokiUrl}/loki/api/v1/push"
  }
}
`;
}

export function alloyValues(options: { readonly lokiUrl: string }): AlloyValues {
  return {
    controller: { type: 'daemonset' },
    alloy: {
      configMap: { create: true, content: alloyConfig(options.lokiUrl) },
      mounts: { varlog: true },
      resources: resources('50m', '128Mi', '512Mi'),
      securityContext: hardenedContainer({ readOnlyRootFilesystem: false }),
      enableReporting: false,
      extraEnv: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
    },
    // The reloader only watches the mounted config and calls Alloy's reload endpoint: nobody will do.
    configReloader: {
      resources: resources('10m', '16Mi', '64Mi'),
      securityContext: hardenedContainer({ readOnlyRootFilesystem: true, runAsUser: 65534 }),
    },
  };
}
