// The closing step of `npm run test:resilience`: scans every app log the specs saved
// (.cache/resilience/logs/*.log, see saveAppLog) for secrets, and checks that every line
// of a production app's log is JSON and that probes and scrapes were not logged. Exits 1 on any finding; records a figures row.
//   node scripts/resilience-log-scan.mjs [resilience-dir]
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? join('.cache', 'resilience');
const logsDir = join(dir, 'logs');
const secretsDir = join(dir, 'known-secrets');

/** What must never reach a log line, by kind. */
const PATTERNS = [
  ['argon2 password hash', /\$argon2(?:id|i|d)\$/],
  ['JWT', /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{16,}/],
  ['API key', /nko_[A-Za-z0-9]{12}_[\w-]{43}/],
  ['SHA-256 digest (API-key hash)', /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/],
  [
    'Authorization header value',
    /(?:authorization|x-api-key)"?\s*[:=]\s*"?(?!\[Redacted\])(?:Bearer|Basic|nko_|[\w-]{20,})/i,
  ],
  ['password field', /"password(?:Hash)?"\s*:\s*"(?!\[Redacted\])/i],
  ['SQL parameters', /PARAMETERS:|"parameters"\s*:\s*\[|-- PARAMETERS|\bparameters: \[/i],
  ['PEM private key', /-----BEGIN (?:RSA )?PRIVATE KEY-----/],
];

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const known = existsSync(secretsDir)
  ? readdirSync(secretsDir)
      .filter((file) => file.endsWith('.json'))
      .flatMap((file) => readJson(join(secretsDir, file)))
      .filter((value) => typeof value === 'string' && value.length >= 8)
  : [];

const logs = existsSync(logsDir)
  ? readdirSync(logsDir)
      .filter((file) => file.endsWith('.log'))
      .sort()
  : [];
if (logs.length === 0) {
  console.error(`log scan: no app logs in ${logsDir}`);
  process.exit(1);
}

const findings = [];
let lines = 0;
for (const file of logs) {
  const text = readFileSync(join(logsDir, file), 'utf8');
  const fileLines = text.split('\n').filter((line) => line.trim() !== '');
  lines += fileLines.length;
  // A production app (its lines say "env":"production") writes nothing but JSON.
  const production = fileLines.some((line) => line.includes('"env":"production"'));
  fileLines.forEach((line, index) => {
    const where = `${file}:${index + 1}`;
    for (const [kind, pattern] of PATTERNS) if (pattern.test(line)) findings.push(`${where}: ${kind}`);
    for (const secret of known) if (line.includes(secret)) findings.push(`${where}: a secret a spec used`);
    // Probes and scrapes are never request lines (docs/observability.md).
    if (/"path":"\/(?:health|ready|metrics)"/.test(line)) findings.push(`${where}: quiet path logged as a request`);
    if (production) {
      try {
        const parsed = JSON.parse(line);
        if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      } catch {
        findings.push(`${where}: not a JSON line in a production log: ${line.slice(0, 100)}`);
      }
    }
  });
}

const isSecret = (finding) => !finding.includes('not a JSON line') && !finding.includes('quiet path');
const secretsFound = findings.filter(isSecret).length;
writeFileSync(
  join(dir, 'log-scan.json'),
  `${JSON.stringify(
    {
      section: 'log-scan',
      rows: [
        {
          scenario: `${logs.length} app logs, ${lines} lines`,
          secretsFound,
          note: `${findings.length - secretsFound} other findings (non-JSON production lines, logged probes); ${known.length} known secrets looked for`,
        },
      ],
    },
    null,
    2,
  )}\n`,
);
if (findings.length > 0) {
  console.error(`log scan: ${findings.length} findings\n${findings.slice(0, 50).join('\n')}`);
  process.exit(1);
}
console.log(`log scan: ${logs.length} logs, ${lines} lines, no secret and no non-JSON production line`);
