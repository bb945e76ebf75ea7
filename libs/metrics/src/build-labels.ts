export interface BuildLabels {
  readonly version: string;
  readonly commit: string;
}

export const METRICS_BUILD_LABELS = Symbol('METRICS_BUILD_LABELS');
