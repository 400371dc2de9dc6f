// Where site secrets (application passwords, bearer tokens) are kept: never in the archive, never in a log line.
import fs from 'node:fs'
import path from 'node:path'

/** One secret per site id. The Electron shell keeps them with safeStorage; the CLI and the harness in a 0600 file. */
export interface CredentialStore {
  get(siteId: string): string | undefined
  set(siteId: string, secret: string): void
  delete(siteId: string): void
  /** Where the secrets are, in words an editor can act on (shown with the site). */
  readonly description: string
}

/** A secret as it may appear in a message: its length only. */
export const redacted = (secret: string | undefined): string => (secret ? `[secret, ${secret.length} characters]` : '[no secret]')

/**
 * Secrets in a JSON file readable by the user only (mode 0600, folder 0700 when Kopij creates it), written atomically.
 * Used where there is no keychain: the `kopij` CLI and the loopback harness. The file sits beside the archive,
 * which for the default archive is the user data folder, and never inside it.
 */
export class FileCredentialStore implements CredentialStore {
  readonly description: string

  constructor(readonly file: string) {
    this.description = `the file ${file} (readable by your user only)`
  }

  /** The credentials file that belongs with an archive: `credentials.json` in the archive's folder. */
  static besideArchive(archivePath: string): FileCredentialStore {
    return new FileCredentialStore(path.join(path.dirname(path.resolve(archivePath)), 'kopij-credentials.json'))
  }

  /** The file as last read, kept while its modification time stays the same (the outbox asks once per item). */
  private cache: { mtimeMs: number; secrets: Record<string, string> } | undefined

  private read(): Record<string, string> {
    let text: string
    try {
      const mtimeMs = fs.statSync(this.file).mtimeMs
      if (this.cache?.mtimeMs === mtimeMs) return { ...this.cache.secrets }
      text = fs.readFileSync(this.file, 'utf8')
      this.cache = { mtimeMs, secrets: this.parse(text) }
      return { ...this.cache.secrets }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
      throw error
    }
  }

  private parse(text: string): Record<string, string> {
    try {
      const parsed = JSON.parse(text) as { secrets?: Record<string, unknown> }
      return Object.fromEntries(Object.entries(parsed.secrets ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'))
    } catch {
      throw new Error(`The credentials file ${this.file} is damaged; remove it and enter the site passwords again.`)
    }
  }

  private write(secrets: Record<string, string>): void {
    const dir = path.dirname(this.file)
    if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
    const temp = `${this.file}.${process.pid}.tmp`
    const body = JSON.stringify({ note: 'Kopij site secrets; keep this file private.', secrets }, null, 2)
    fs.writeFileSync(temp, body, { mode: 0o600 })
    fs.chmodSync(temp, 0o600)
    fs.renameSync(temp, this.file)
    this.cache = undefined
  }

  get(siteId: string): string | undefined {
    return this.read()[siteId]
  }

  set(siteId: string, secret: string): void {
    this.write({ ...this.read(), [siteId]: secret })
  }

  delete(siteId: string): void {
    const secrets = this.read()
    if (!(siteId in secrets)) return
    delete secrets[siteId]
    this.write(secrets)
  }
}

/** Secrets in memory only (tests, and a shell whose keychain is unavailable until it is). */
export class MemoryCredentialStore implements CredentialStore {
  readonly description = 'memory only (forgotten when Kopij closes)'
  private readonly secrets = new Map<string, string>()
  get = (siteId: string) => this.secrets.get(siteId)
  set = (siteId: string, secret: string) => void this.secrets.set(siteId, secret)
  delete = (siteId: string) => void this.secrets.delete(siteId)
}
