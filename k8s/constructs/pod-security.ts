import * as kplus from 'cdk8s-plus-28';
import { type k8s } from 'cdk8s-plus-28';

/** The distroless "nonroot" user and group the app image runs as. */
export const APP_USER_ID = 65532;

/**
 * Pod-level settings of the Pod Security Standards "restricted" profile, for a fixed
 * non-root user. fsGroup makes mounted volumes writable by that user.
 */
export function restrictedPodSecurityContext(userId: number): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: userId,
    runAsGroup: userId,
    fsGroup: userId,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** What the "restricted" profile (plus a read-only root) asks of a container besides its user. */
const RESTRICTED_CONTAINER = {
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  privileged: false,
} as const;

/** Container-level settings of the "restricted" profile, plus a read-only root filesystem. */
export function restrictedContainerSecurityContext(userId: number): k8s.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: userId,
    runAsGroup: userId,
    ...RESTRICTED_CONTAINER,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/**
 * The same settings as cdk8s-plus props, for workloads built with kplus (NestService): the pod
 * level (the seccomp profile is patched in, kplus has no prop for it) and the container level.
 */
export const restrictedPodSecurityProps = (userId: number): kplus.PodSecurityContextProps => ({
  ensureNonRoot: true,
  user: userId,
  group: userId,
  fsGroup: userId,
});

export const restrictedContainerSecurityProps = (userId: number): kplus.ContainerSecurityContextProps => ({
  ensureNonRoot: true,
  user: userId,
  group: userId,
  ...RESTRICTED_CONTAINER,
  capabilities: { drop: [kplus.Capability.ALL] },
  seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
});
