// `npm start [-- --archive PATH]`: Kopij in Electron when this machine has an Electron binary, else in the browser harness.
//
// With Electron: better-sqlite3 in node_modules is built for Node (the tests need it that way), and Electron has
// another ABI. So an Electron build of it is made once under .cache/electron-native/<versions>/ (a prebuilt binary
// if one can be fetched, else node-gyp against Electron's headers) and handed to main in KOPIJ_SQLITE_BINDING;
// then `electron-vite preview` builds the app and starts it. node_modules is never changed.
//
// `node scripts/start.mjs --prepare` does the same preparation and build without starting anything, then prints
// {"electron","binding","main"} as JSON on the last line (the Electron end-to-end spec uses it).
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** The Electron executable named by node_modules/electron/path.txt, if both that file and the binary exist. */
export function electronBinary(root = repoRoot) {
  const dir = path.join(root, 'node_modules', 'electron')
  const pathFile = path.join(dir, 'path.txt')
  if (!fs.existsSync(pathFile)) return { found: false, reason: 'node_modules/electron/path.txt is missing' }
  const relative = fs.readFileSync(pathFile, 'utf8').trim()
  const executable = path.join(dir, 'dist', relative)
  if (!relative || !fs.existsSync(executable))
    return { found: false, reason: `node_modules/electron/dist/${relative || '(empty path.txt)'} does not exist` }
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
  return { found: true, executable, version }
}

/** The value of --archive (both `--archive P` and `--archive=P`), as given. */
export function archiveOption(args) {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--archive' && args[i + 1]) return args[i + 1]
    if (args[i].startsWith('--archive=')) return args[i].slice('--archive='.length)
  }
  return undefined
}

/** The arguments with --archive made absolute against the folder `npm start` was typed in (npm's INIT_CWD). */
export function withAbsoluteArchive(args, base = process.env.INIT_CWD ?? process.cwd()) {
  return args.map((arg, i) => {
    if (args[i - 1] === '--archive') return path.resolve(base, arg)
    if (arg.startsWith('--archive=')) return `--archive=${path.resolve(base, arg.slice('--archive='.length))}`
    return arg
  })
}

/** Where the Electron build of better-sqlite3 lives: one folder per combination that changes the binary. */
export function electronSqliteDir(root, { sqliteVersion, electronVersion, platform = process.platform, arch = process.arch }) {
  return path.join(root, '.cache', 'electron-native', `better-sqlite3-${sqliteVersion}-electron-${electronVersion}-${platform}-${arch}`)
}

/** The first http(s) URL in a line of the harness's output. */
export function urlIn(line) {
  return /\bhttps?:\/\/[^\s"']+/.exec(line)?.[0]
}

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options })
  return result.status === 0
}

/** npm's own node-gyp (npm names it for lifecycle scripts), else the copy bundled beside this Node. */
function nodeGypCommand() {
  const candidates = [
    process.env.npm_config_node_gyp,
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(path.dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ]
  const found = candidates.find((file) => file && fs.existsSync(file))
  return found ? [process.execPath, found] : null
}

/** Builds (once) better-sqlite3 for Electron's ABI into .cache/electron-native and returns the .node file. */
export function ensureElectronSqlite(root, electronVersion, log = console.error) {
  const source = path.join(root, 'node_modules', 'better-sqlite3')
  const { version: sqliteVersion } = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'))
  const dir = electronSqliteDir(root, { sqliteVersion, electronVersion })
  const binding = path.join(dir, 'build', 'Release', 'better_sqlite3.node')
  if (fs.existsSync(binding)) return binding

  log(`Preparing better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} in ${path.relative(root, dir)} (once)…`)
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(path.dirname(dir), { recursive: true })
  // A copy without the Node build: node_modules keeps the binary the unit tests and the harness load.
  fs.cpSync(source, dir, { recursive: true, filter: (file) => path.relative(source, file).split(path.sep)[0] !== 'build' })

  const require = createRequire(path.join(root, 'package.json'))
  let prebuild
  try {
    prebuild = require.resolve('prebuild-install/bin.js')
  } catch {
    prebuild = undefined
  }
  const target = ['--runtime', 'electron', '--target', electronVersion, '--arch', process.arch, '--platform', process.platform]
  if (prebuild && run(process.execPath, [prebuild, ...target], { cwd: dir }) && fs.existsSync(binding)) return binding

  log('No prebuilt binary could be fetched; compiling with node-gyp against Electron’s headers (needs a C++ toolchain)…')
  const gyp = nodeGypCommand() ?? ['npx', '--yes', 'node-gyp']
  const gypArgs = ['rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers']
  run(gyp[0], [...gyp.slice(1), ...gypArgs], { cwd: dir, shell: gyp[0] === 'npx' && process.platform === 'win32' })
  if (!fs.existsSync(binding))
    throw new Error(`Could not build better-sqlite3 for Electron ${electronVersion}; see the output above. Nothing in node_modules was changed.`)
  return binding
}

/** `electron-vite <command> --config electron.config.ts [-- electron args]`: the config before `--`, or Electron gets it. */
function electronVite(root, command, electronArgs, env) {
  const cli = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const tail = electronArgs.length ? ['--', ...electronArgs] : []
  return [process.execPath, [cli, command, '--config', 'electron.config.ts', ...tail], { cwd: root, env }]
}

function forwardSignals(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

async function startHarness(root, args, reason) {
  console.log(`No Electron binary on this machine (${reason}), so Kopij starts in your browser through its loopback harness instead.`)
  let harnessArgs = args
  if (!archiveOption(args)) {
    // The same default archive as the desktop app, named by the same code.
    const { tsImport } = await import('tsx/esm/api')
    const { defaultArchivePath } = await tsImport(pathToFileURL(path.join(root, 'src', 'main', 'paths.ts')).href, import.meta.url)
    harnessArgs = ['--archive', defaultArchivePath(), ...args]
  }
  // What `npm run harness -- …` runs, without npm in between so signals reach it directly.
  const tsx = createRequire(path.join(root, 'package.json')).resolve('tsx/cli')
  const child = spawn(process.execPath, [tsx, path.join('e2e', 'harness', 'cli.ts'), ...harnessArgs], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'inherit'],
  })
  let announced = false
  let pending = ''
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk)
    pending += chunk
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    const url = announced ? undefined : lines.map(urlIn).find(Boolean)
    if (url) {
      announced = true
      console.log(`Open Kopij at ${url} in a browser (Ctrl+C stops it).`)
    }
  })
  forwardSignals(child)
}

async function main() {
  const args = process.argv.slice(2)
  const prepareOnly = args.includes('--prepare')
  const passed = withAbsoluteArchive(args.filter((arg) => arg !== '--prepare'))
  const electron = electronBinary(repoRoot)

  if (!electron.found) {
    if (prepareOnly) {
      console.error(`No Electron binary on this machine (${electron.reason}): nothing to prepare.`)
      process.exit(1)
    }
    return startHarness(repoRoot, passed, electron.reason)
  }

  const binding = ensureElectronSqlite(repoRoot, electron.version)
  const env = { ...process.env, KOPIJ_SQLITE_BINDING: binding }
  if (prepareOnly) {
    const [command, buildArgs, options] = electronVite(repoRoot, 'build', [], env)
    if (!run(command, buildArgs, { ...options, stdio: ['ignore', 'inherit', 'inherit'] })) process.exit(1)
    console.log(JSON.stringify({ electron: electron.executable, binding, main: path.join(repoRoot, 'out', 'main', 'index.js') }))
    return
  }
  console.log(`Starting Kopij in Electron ${electron.version} (electron-vite preview builds it first).`)
  const [command, previewArgs, options] = electronVite(repoRoot, 'preview', passed, env)
  forwardSignals(spawn(command, previewArgs, { ...options, stdio: 'inherit' }))
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`Kopij could not start: ${error?.message ?? error}`)
    process.exit(1)
  })
}
