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
