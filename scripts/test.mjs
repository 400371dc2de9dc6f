// `npm test`: type check, unit tests (Node and jsdom), build, end-to-end tests in Chromium; ends with "N passed, N failed".
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const results = path.join(root, 'test-results')
fs.mkdirSync(results, { recursive: true })
const tally = { passed: 0, failed: 0, skipped: 0 }
const lines = []

function run(label, command, args, env = {}) {
  console.log(`\n── ${label}: ${command} ${args.join(' ')}`)
  const started = Date.now()
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  return { ok: result.status === 0, seconds }
}

/** A step that is not a test suite (type check, build) counts as one check. */
function step(label, command, args) {
  const { ok, seconds } = run(label, command, args)
  tally[ok ? 'passed' : 'failed']++
  lines.push(`${label}: ${ok ? 'passed' : 'FAILED'} (${seconds} s)`)
  return ok
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}

// 1. Types: the node and web projects (a renderer import of Node code fails here).
step('type check', 'npx', ['tsc', '-b'])

// 2. Unit tests under Node and jsdom.
const vitestJson = path.join(results, 'vitest.json')
fs.rmSync(vitestJson, { force: true })
const unit = run('unit tests', 'npx', ['vitest', 'run', '--config', 'vitest.config.mts', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`])
const vitest = readJson(vitestJson)
if (vitest) {
  tally.passed += vitest.numPassedTests
  tally.failed += vitest.numFailedTests + (vitest.numFailedTestSuites > 0 && vitest.numFailedTests === 0 ? vitest.numFailedTestSuites : 0)
  tally.skipped += vitest.numPendingTests + vitest.numTodoTests
  lines.push(`unit tests: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed, ${vitest.numPendingTests} skipped (${unit.seconds} s)`)
} else {
  tally.failed++
  lines.push('unit tests: FAILED to report (see the log above)')
}

// 3. The Electron security checklist as a static audit (Electronegativity): no HIGH finding.
step('electron security audit', 'node', ['scripts/electronegativity.mjs'])

// 4. The app as shipped: main, preload and renderer bundles.
const built = step('build', 'npx', ['electron-vite', 'build', '--config', 'electron.config.ts'])

// 5. End to end in Debian's Chromium through the harness (and through Electron where a binary exists).
if (built) {
  const playwrightJson = path.join(results, 'playwright.json')
  fs.rmSync(playwrightJson, { force: true })
  const e2e = run('end-to-end tests', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson })
  const report = readJson(playwrightJson)
  if (report?.stats) {
    const { expected, unexpected, flaky, skipped } = report.stats
    tally.passed += expected + flaky
    tally.failed += unexpected
    tally.skipped += skipped
    lines.push(`end-to-end tests: ${expected + flaky} passed (${flaky} flaky), ${unexpected} failed, ${skipped} skipped (${e2e.seconds} s)`)
  } else {
    tally.failed++
    lines.push('end-to-end tests: FAILED to report (see the log above)')
  }
} else {
  tally.failed++
  lines.push('end-to-end tests: not run, the build failed')
}

console.log(`\n${lines.join('\n')}`)
if (tally.skipped) console.log(`${tally.skipped} skipped (each says why in the log)`)
console.log(`${tally.passed} passed, ${tally.failed} failed`)
process.exit(tally.failed > 0 ? 1 : 0)
