import { type Exercise } from '../exercise';
import { runBothApps } from './01-run-both-apps';
import { addALib } from './02-add-a-lib';
import { addARoute } from './03-add-a-route';
import { findASlowTrace } from './04-find-a-slow-trace';
import { addARecordingRule } from './05-recording-rule';
import { sloAlertFiresAndResolves } from './06-slo-alert-fires-and-resolves';
import { alertWithARunbook } from './07-alert-with-a-runbook';
import { addACdk8sConstruct } from './08-cdk8s-construct';
import { autoscale } from './09-autoscale';
import { restrictANetworkPolicy } from './10-restrict-a-network-policy';
import { rotateTheSigningKey } from './11-rotate-the-signing-key';
import { pointAtARealProvider } from './12-real-provider';

/** Every exercise of docs/PRACTICE.md, in order. */
export const EXERCISES: readonly Exercise[] = [
  runBothApps,
  addALib,
  addARoute,
  findASlowTrace,
  addARecordingRule,
  sloAlertFiresAndResolves,
  alertWithARunbook,
  addACdk8sConstruct,
  autoscale,
  restrictANetworkPolicy,
  rotateTheSigningKey,
  pointAtARealProvider,
];
