import { rmSync } from 'node:fs';

export default function removeScratchTmpdir() {
  const scratch = process.env.NEST_K8S_SCRATCH_TMPDIR;
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
}
