/** Requests and limits of one vendor container (memory limited; CPU requested, not capped, so it may burst). */
export interface ContainerResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly memory: string };
}

export function resources(cpu: string, memory: string, memoryLimit: string): ContainerResources {
  return { requests: { cpu, memory }, limits: { memory: memoryLimit } };
}

/** A volume claim template of the prometheus-operator's storage specs. */
export function claim(size: string) {
  return {
    volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } } } },
  } as const;
}

/** The seccomp profile the restricted Pod Security Standard asks of every pod. */
export const RUNTIME_DEFAULT_SECCOMP = { seccompProfile: { type: 'RuntimeDefault' } } as const;

/**
 * A vendor container's security context where its chart leaves it empty: no privilege escalation,
 * no capabilities, the runtime's seccomp profile (what the restricted Pod Security Standard checks).
 */
export interface HardenedContainerContext {
  readonly allowPrivilegeEscalation: false;
  readonly capabilities: { readonly drop: readonly ['ALL'] };
  readonly seccompProfile: { readonly type: 'RuntimeDefault' };
  readonly readOnlyRootFilesystem: boolean;
  readonly runAsNonRoot?: true;
  readonly runAsUser?: number;
}

export function hardenedContainer(options: {
  readonly readOnlyRootFilesystem: boolean;
  readonly runAsUser?: number;
}): HardenedContainerContext {
  return {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    ...RUNTIME_DEFAULT_SECCOMP,
    readOnlyRootFilesystem: options.readOnlyRootFilesystem,
    ...(options.runAsUser === undefined ? {} : { runAsNonRoot: true, runAsUser: options.runAsUser }),
  };
}
