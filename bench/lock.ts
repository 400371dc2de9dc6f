// One bench at a time on this machine: two runs on two cores measure each other, and share the cache directory.
import fs from 'node:fs'
import path from 'node:path'

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes `lockFile` (created exclusively, holding our pid), waiting while a live process holds it and taking over a
 * lock whose process is gone. Returns how long it waited and the release function.
 */
export async function runAlone(lockFile: string, log: (line: string) => void, pollMs = 2000): Promise<{ waitedSeconds: number; release: () => void }> {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true })
  const started = Date.now()
  let told = false
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' })
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = Number(fs.readFileSync(lockFile, 'utf8').trim())
    if (!Number.isInteger(holder) || holder <= 0 || !alive(holder)) {
      fs.rmSync(lockFile, { force: true })
      continue
    }
    if (!told) {
      log(`Another bench run (pid ${holder}) is in progress; waiting for it to finish, so neither measures the other …`)
      told = true
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs))
  }
  const release = () => {
    try {
      if (fs.readFileSync(lockFile, 'utf8').trim() === String(process.pid)) fs.rmSync(lockFile, { force: true })
    } catch {
      // Already gone.
    }
  }
  process.once('exit', release)
  return { waitedSeconds: Math.round((Date.now() - started) / 1000), release }
}
