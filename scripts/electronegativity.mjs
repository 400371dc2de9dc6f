// `npm run audit:electron`: Doyensec's Electronegativity over the sources; fails on any HIGH finding.
// Exception (documented in the README): AvailableSecurityFixesGlobalCheck is left out because it downloads Electron's
// release list from GitHub, which this machine and CI cannot reach.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'))
const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-eneg-')), 'report.csv')
const run = spawnSync(
  path.join(root, 'node_modules/.bin/electronegativity'),
  ['-i', 'src', '-e', version, '-x', 'availablesecurityfixesglobalcheck', '-o', report, '-r', '-v', 'false'],
  { cwd: root, encoding: 'utf8', timeout: 120_000 },
)
if (!fs.existsSync(report)) {
  console.error(`Electronegativity did not write its report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`)
  process.exit(1)
}
const findings = fs
  .readFileSync(report, 'utf8')
  .split('\n')
  .map((line) => /^([A-Z_]+),"(INFORMATIONAL|LOW|MEDIUM|HIGH)","([A-Z]+)","([^"]*)","([^"]*)"/.exec(line))
  .filter(Boolean)
  .map(([, check, severity, confidence, file, location]) => ({ check, severity, confidence, file, location }))
for (const f of findings) console.log(`${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.check.padEnd(28)} ${f.file}:${f.location}`)
const high = findings.filter((f) => f.severity === 'HIGH')
console.log(`Electronegativity ${version}: ${findings.length} finding(s), ${high.length} HIGH`)
process.exit(high.length > 0 ? 1 : 0)
