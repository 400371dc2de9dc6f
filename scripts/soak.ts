// `npm run soak [-- --kills N --migration-kills M]`: the long crash-safety soak (1,000 kills by default), not part of npm test.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { soak } from '../src/main/archive/soak'

async function main() {
  const { values } = parseArgs({ options: { kills: { type: 'string', default: '1000' }, 'migration-kills': { type: 'string', default: '100' } } })
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-soak-'))
  try {
    console.log(`Soak: ${values.kills} kills of a writer, ${values['migration-kills']} of a migration, in ${dir}`)
    const report = await soak({ dir, kills: Number(values.kills), migrationKills: Number(values['migration-kills']), onProgress: (line) => console.log(`  ${line}`) })
    console.log(JSON.stringify(report, null, 2))
    console.log(`Every acknowledged revision intact after ${report.kills} kills; migrations killed ${report.migration.kills} times left the old schema ${report.migration.old} times and the new ${report.migration.new} times, never one between.`)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(`Soak FAILED: ${(error as Error).message}`)
  process.exit(1)
})
