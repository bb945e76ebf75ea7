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

/** Container-level settings of the "restricted" profile, plus a read-only root filesystem. */
export function restrictedContainerSecurityContext(userId: number): k8s.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: userId,
    runAsGroup: userId,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
