import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

interface StartModule {
  electronBinary(root: string): { found: boolean; reason?: string; executable?: string; version?: string }
  archiveOption(args: string[]): string | undefined
  withAbsoluteArchive(args: string[], base: string): string[]
  electronSqliteDir(root: string, versions: { sqliteVersion: string; electronVersion: string; platform?: string; arch?: string }): string
  urlIn(line: string): string | undefined
}
// A plain .mjs script (npm start runs it with no build step); loaded through a variable so TypeScript takes it as typed here.
const specifier = './start.mjs'
const start = (await import(specifier)) as StartModule

let dir: string | undefined
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

function fakeElectron(pathTxt?: string, binary?: string) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-start-'))
  const electron = path.join(dir, 'node_modules', 'electron')
  fs.mkdirSync(path.join(electron, 'dist'), { recursive: true })
  fs.writeFileSync(path.join(electron, 'package.json'), JSON.stringify({ version: '45.4.1' }))
  if (pathTxt !== undefined) fs.writeFileSync(path.join(electron, 'path.txt'), pathTxt)
  if (binary) fs.writeFileSync(path.join(electron, 'dist', binary), '')
  return dir
}

describe('npm start', () => {
  it('finds no Electron without path.txt, or when the binary it names is missing', () => {
    expect(start.electronBinary(fakeElectron())).toEqual({ found: false, reason: 'node_modules/electron/path.txt is missing' })
    expect(start.electronBinary(fakeElectron('electron')).found).toBe(false)
  })

  it('finds Electron when path.txt names an existing binary', () => {
    const root = fakeElectron('electron', 'electron')
    expect(start.electronBinary(root)).toEqual({
      found: true,
      executable: path.join(root, 'node_modules', 'electron', 'dist', 'electron'),
      version: '45.4.1',
    })
  })

  it('passes --archive through, absolute against the folder npm start was typed in', () => {
    expect(start.archiveOption(['--archive', 'a.sqlite'])).toBe('a.sqlite')
    expect(start.archiveOption(['--archive=b.sqlite'])).toBe('b.sqlite')
    expect(start.archiveOption(['--port', '1'])).toBeUndefined()
    expect(start.withAbsoluteArchive(['--archive', 'a.sqlite', '--port', '9'], '/home/ed')).toEqual([
      '--archive', path.resolve('/home/ed', 'a.sqlite'), '--port', '9',
    ])
    expect(start.withAbsoluteArchive(['--archive=/abs/b.sqlite'], '/home/ed')).toEqual([`--archive=${path.resolve('/abs/b.sqlite')}`])
  })

  it('keeps one Electron build of SQLite per version, platform and architecture, outside node_modules', () => {
    const folder = start.electronSqliteDir('/repo', { sqliteVersion: '12.11.1', electronVersion: '45.4.1', platform: 'linux', arch: 'x64' })
    expect(folder).toBe(path.join('/repo', '.cache', 'electron-native', 'better-sqlite3-12.11.1-electron-45.4.1-linux-x64'))
  })

  it('spots the harness URL in its output', () => {
    expect(start.urlIn('http://127.0.0.1:4780/')).toBe('http://127.0.0.1:4780/')
    expect(start.urlIn('Kopij harness on archive /x (loopback only)')).toBeUndefined()
  })

  const root = path.resolve(__dirname, '..')
  it.skipIf(start.electronBinary(root).found)('says plainly when there is no Electron to prepare, and changes nothing', () => {
    const result = spawnSync(process.execPath, [path.join(__dirname, 'start.mjs'), '--prepare'], { encoding: 'utf8' })
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/^No Electron binary on this machine \(node_modules\/electron\/path\.txt is missing\)/)
    expect(fs.existsSync(path.join(root, '.cache', 'electron-native'))).toBe(false)
  })
})
