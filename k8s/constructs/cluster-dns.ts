/** The in-cluster DNS name of a Service: how one pod reaches another's Service by name. */
export function serviceHost(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.cluster.local`;
}
