import { type Manifest } from './manifest';

interface SecurityContext {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  procMount?: string;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type?: string };
}

/** Volume types the restricted profile allows. */
const RESTRICTED_VOLUMES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

/**
 * What the Pod Security admission controller would refuse in a pod spec at `level`
 * (the checks of the Pod Security Standards' baseline and restricted profiles, as far as a
 * pod template shows them), as readable strings; empty: admitted.
 */
export function podSecurityViolations(spec: Manifest, level: string): string[] {
  if (level === 'privileged') return [];
  const problems: string[] = [];
  const containers = [...((spec.initContainers ?? []) as Manifest[]), ...((spec.containers ?? []) as Manifest[])];
  const pod = (spec.securityContext ?? {}) as SecurityContext;
  // baseline
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[field] === true) problems.push(`${field}: true`);
  for (const volume of (spec.volumes ?? []) as Manifest[]) {
    if (volume.hostPath) problems.push(`volume ${volume.name}: hostPath`);
  }
  for (const container of containers) {
    const context = (container.securityContext ?? {}) as SecurityContext;
    const name = container.name as string;
    if (context.privileged === true) problems.push(`${name}: privileged`);
    for (const port of (container.ports ?? []) as Manifest[]) {
      if (port.hostPort !== undefined && port.hostPort !== 0) problems.push(`${name}: hostPort ${port.hostPort}`);
    }
    const baselineCaps = [
      'AUDIT_WRITE',
      'CHOWN',
      'DAC_OVERRIDE',
      'FOWNER',
      'FSETID',
      'KILL',
      'MKNOD',
      'NET_BIND_SERVICE',
      'SETFCAP',
      'SETGID',
      'SETPCAP',
      'SETUID',
      'SYS_CHROOT',
    ];
    for (const cap of context.capabilities?.add ?? []) {
      const allowed = level === 'restricted' ? cap === 'NET_BIND_SERVICE' : baselineCaps.includes(cap);
      if (!allowed) problems.push(`${name}: adds capability ${cap}`);
    }
    if (context.procMount !== undefined && context.procMount !== 'Default') problems.push(`${name}: procMount`);
    if (level !== 'restricted') continue;
    // restricted
    if (context.allowPrivilegeEscalation !== false) problems.push(`${name}: allowPrivilegeEscalation not false`);
    if (!(context.capabilities?.drop ?? []).includes('ALL')) problems.push(`${name}: does not drop ALL`);
    const nonRoot = context.runAsNonRoot ?? pod.runAsNonRoot;
    if (nonRoot !== true) problems.push(`${name}: runAsNonRoot not true`);
    if ((context.runAsUser ?? pod.runAsUser) === 0) problems.push(`${name}: runAsUser 0`);
    const seccomp = (context.seccompProfile ?? pod.seccompProfile)?.type;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') problems.push(`${name}: seccompProfile ${seccomp}`);
  }
  if (level === 'restricted') {
    for (const volume of (spec.volumes ?? []) as Manifest[]) {
      const type = Object.keys(volume).find((key) => key !== 'name');
      if (type !== undefined && !RESTRICTED_VOLUMES.includes(type)) problems.push(`volume ${volume.name}: ${type}`);
    }
  }
  return problems;
}
