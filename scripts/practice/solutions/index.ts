import { addALib } from './02-add-a-lib';
import { addARoute } from './03-add-a-route';
import { addARecordingRule } from './05-recording-rule';
import { sloAlertFiresAndResolves } from './06-slo-alert-fires-and-resolves';
import { alertWithARunbook } from './07-alert-with-a-runbook';
import { addACdk8sConstruct } from './08-cdk8s-construct';
import { autoscale } from './09-autoscale';
import { restrictANetworkPolicy } from './10-restrict-a-network-policy';

/**
 * The reference solutions of the exercises checked from files, by exercise number: each edits a copy of
 * the repository as a learner would, including what the build or synth would regenerate. The exercises
 * checked against running apps (1, 4, 11, 12) are solved by configuring real apps in their e2e spec.
 */
export const FILE_SOLUTIONS: Readonly<Record<number, (root: string) => void>> = {
  2: addALib,
  3: addARoute,
  5: addARecordingRule,
  6: sloAlertFiresAndResolves,
  7: alertWithARunbook,
  8: addACdk8sConstruct,
  9: autoscale,
  10: restrictANetworkPolicy,
};
