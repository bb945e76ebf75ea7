import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';

/** `250m` or `1` as a cdk8s-plus Cpu; `prop` names the value in errors. */
export function parseCpu(value: string, prop: string): Cpu {
  const millis = /^(\d+)m$/.exec(value);
  if (millis) return Cpu.millis(Number(millis[1]));
  if (/^\d+(\.\d+)?$/.test(value)) return Cpu.units(Number(value));
  throw new Error(`${prop}: expected CPU as millicores ("250m") or cores ("1"), got "${value}"`);
}

/** `256Mi` or `1Gi` as a cdk8s-plus Size; `prop` names the value in errors. */
export function parseMemory(value: string, prop: string): Size {
  const match = /^(\d+)(Mi|Gi)$/.exec(value);
  if (!match) throw new Error(`${prop}: expected memory in Mi or Gi ("256Mi", "1Gi"), got "${value}"`);
  return match[2] === 'Gi' ? Size.gibibytes(Number(match[1])) : Size.mebibytes(Number(match[1]));
}
