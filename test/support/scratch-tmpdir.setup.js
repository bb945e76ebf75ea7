// @ts-check
// Unit tests (and cdk8s's Testing and Helm, which make a temporary folder per call) write into
// one scratch folder per run, removed by scratch-tmpdir.teardown.js: no temporary folders are
// left behind. Workers start after this and inherit TMPDIR, which os.tmpdir() reads.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = function createScratchTmpdir() {
  process.env.NEST_K8S_SCRATCH_TMPDIR = mkdtempSync(join(tmpdir(), 'unit-tests-'));
  process.env.TMPDIR = process.env.NEST_K8S_SCRATCH_TMPDIR;
};
