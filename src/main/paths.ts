// Where Kopij keeps its archive by default: the same user data folder Electron's app.getPath('userData') names.
import os from 'node:os'
import path from 'node:path'

export const appName = 'Kopij'
export const archiveFileName = 'archive.kopij.sqlite'

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir()
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), appName)
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', appName)
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), appName)
}

export const defaultArchivePath = (): string => path.join(userDataDir(), archiveFileName)

/** The value of `--NAME PATH` or `--NAME=PATH` in argv, resolved against the working directory. */
export function pathArgument(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === name && argv[i + 1]) return path.resolve(argv[i + 1]!)
    if (arg.startsWith(`${name}=`)) return path.resolve(arg.slice(name.length + 1))
  }
  return undefined
}

/** `--archive PATH`: the archive to open instead of the one in the user data folder. */
export const archiveArgument = (argv: readonly string[]): string | undefined => pathArgument(argv, '--archive')
