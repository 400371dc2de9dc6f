// The packaged app's Electron fuses: what a local attacker could otherwise use to run Kopij's binary as plain Node.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import pkg from '../../../package.json'

const root = path.resolve(__dirname, '../../..')
const config = JSON.parse(fs.readFileSync(path.join(root, 'electron-builder.json'), 'utf8'))

describe('packaging (npm run dist, with electron-builder; needs the internet, so not run here)', () => {
  it('sets the fuses: no RunAsNode, no NODE_OPTIONS, no inspect arguments, ASAR integrity, app only from ASAR', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
    expect(config.asar).toBe(true)
  })

  it('ships the built app only (no sources, no source maps) and rebuilds the native addon for Electron', () => {
    expect(config.files).toEqual(['out/**', 'package.json', '!**/*.map'])
    expect(config.npmRebuild).toBe(true)
    expect(config.asarUnpack).toContain('**/*.node')
    expect(config.extraMetadata.main).toBe(pkg.main)
  })

  it('is what `npm run dist` builds, after the app itself', () => {
    const dist = (pkg.scripts as Record<string, string>).dist
    expect(dist).toContain('electron-vite build --config electron.config.ts')
    expect(dist).toContain('electron-builder')
    expect(dist).toContain('--config electron-builder.json')
  })
})
