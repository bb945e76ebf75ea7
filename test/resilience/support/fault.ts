import { setTimeout as sleep } from 'node:timers/promises';
import { type LoadOptions, type Tally, drive, timeUntil } from './load';

export interface FaultPlan {
  /** The traffic held through the whole plan (its duration is lead + hold + tail). */
  readonly load: Omit<LoadOptions, 'durationMs'>;
  /** Traffic before the fault. */
  readonly leadMs: number;
  readonly inject: () => void | Promise<void>;
  /** How long the fault lasts. */
  readonly holdMs: number;
  /** Checks made while the fault holds (readiness, metrics), after half of it. */
  readonly whileFaulty?: () => Promise<void>;
  readonly heal: () => void | Promise<void>;
  /** Holds once the app is back to normal (polled from the heal on). */
  readonly recovered: () => Promise<boolean>;
  /** Traffic after the heal. */
  readonly tailMs: number;
}

export interface FaultResult {
  readonly tally: Tally;
  /** From the heal to the first time `recovered` held. */
  readonly recoveryMs: number;
}

/** Holds traffic while a fault comes and goes, and measures how long the app takes to be normal again. */
export async function underFault(plan: FaultPlan): Promise<FaultResult> {
  const traffic = drive({ ...plan.load, durationMs: plan.leadMs + plan.holdMs + plan.tailMs });
  await sleep(plan.leadMs);
  await plan.inject();
  let failure: unknown;
  try {
    await sleep(plan.holdMs / 2);
    await plan.whileFaulty?.();
    await sleep(plan.holdMs / 2);
  } catch (error) {
    failure = error;
  }
  // The fault is healed and the traffic awaited even when a check failed: nothing is left frozen or running.
  await plan.heal();
  const recoveryMs = await timeUntil(plan.recovered, 30_000).catch((error: unknown) => {
    failure ??= error;
    return -1;
  });
  const tally = await traffic;
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(JSON.stringify(failure));
  return { tally, recoveryMs };
}
