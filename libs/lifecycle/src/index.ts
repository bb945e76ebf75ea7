export { HealthModule, type HealthModuleOptions } from './health.module';
export { BUILD_INFO } from './build-info.token';
export { Clock } from './clock';
export { NotReadyError } from './not-ready.error';
export { ReadinessObserver } from './readiness-observer';
export { ShutdownState } from './shutdown-state';
export { ShutdownDeadline } from './shutdown-deadline';
export { READINESS_CHECKS, READINESS_TIMEOUT_MS, type ReadinessCheck } from './readiness-check';
