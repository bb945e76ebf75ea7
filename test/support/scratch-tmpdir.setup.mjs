// Unit tests (and cdk8s's Testing and Helm, which make a temporary folder per call) write into
// one scratch folder per run, removed by scratch-tmpdir.teardown.mjs: no temporary folders are
// left behind. Workers start after this and inherit TMPDIR, which os.tmpdir() reads.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function createScratchTmpdir() {
  process.env.NEST_K8S_SCRATCH_TMPDIR = mkdtempSync(join(tmpdir(), 'unit-tests-'));
  process.env.TMPDIR = process.env.NEST_K8S_SCRATCH_TMPDIR;
}
