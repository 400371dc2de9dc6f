// `npm run harness -- --archive PATH [--port N] [--test-hooks]`: the app in a browser tab, for tests and machines without Electron.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { archiveArgument, defaultArchivePath } from '../../src/main/paths'
import { ApiError } from '../../src/shared/errors'
import { defaultRendererDir, startHarness } from './server'

function option(name: string): string | undefined {
  const args = process.argv.slice(2)
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1)
}

async function main() {
  const archivePath = archiveArgument(process.argv.slice(2)) ?? defaultArchivePath()
  const port = Number(option('--port') ?? 4780)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${option('--port')}`)
  if (process.argv.includes('--build') || !fs.existsSync(path.join(defaultRendererDir, 'index.html'))) {
    console.error('Building the renderer (electron-vite build)…')
    const root = path.resolve(__dirname, '../..')
    const built = spawnSync('npx', ['electron-vite', 'build', '--config', 'electron.config.ts'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })
    if (built.status !== 0) throw new Error('The renderer did not build.')
  }
  const harness = await startHarness({ archivePath, port, testHooks: process.argv.includes('--test-hooks') })
  console.error(`Kopij harness on archive ${archivePath} (loopback only; Ctrl+C stops it)`)
  console.log(harness.url)
  const stop = () => void harness.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error) => {
  console.error(error instanceof ApiError ? `Kopij: ${error.message}` : `Kopij harness: ${(error as Error).message}`)
  process.exit(error instanceof ApiError ? 2 : 1)
})
