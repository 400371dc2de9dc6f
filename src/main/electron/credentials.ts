// Site secrets in the desktop app: encrypted with Electron's safeStorage (the OS keychain) in a file in the user data folder.
import fs from 'node:fs'
import path from 'node:path'
import type { SafeStorage } from 'electron'
import type { CredentialStore } from '../publishing'

/**
 * Each secret is encrypted by safeStorage (Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux) and only
 * the ciphertext is written, to `site-secrets.json` (mode 0600) in the user data folder, never into the archive.
 * Where the OS offers no keychain (a Linux desktop without one), Kopij refuses to store secrets rather than keeping
 * them in plain text: `set` throws and says so.
 */
export class SafeStorageCredentialStore implements CredentialStore {
  readonly description: string
  private readonly file: string

  constructor(
    private readonly safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & { getSelectedStorageBackend?: () => string },
    userDataDir: string,
  ) {
    this.file = path.join(userDataDir, 'site-secrets.json')
    const backend = safeStorage.getSelectedStorageBackend?.()
    this.description = backend === 'basic_text' ? `${this.file} (no system keychain found: encrypted with a fixed key only)` : 'the system keychain'
  }

  private read(): Record<string, string> {
    try {
      return (JSON.parse(fs.readFileSync(this.file, 'utf8')) as { secrets?: Record<string, string> }).secrets ?? {}
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
      throw new Error(`The site secrets file ${this.file} is damaged; enter the site passwords again.`)
    }
  }

  private write(secrets: Record<string, string>): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 })
    const temp = `${this.file}.tmp`
    fs.writeFileSync(temp, JSON.stringify({ note: 'Kopij site secrets, encrypted with the system keychain.', secrets }), { mode: 0o600 })
    fs.renameSync(temp, this.file)
  }

  get(siteId: string): string | undefined {
    const sealed = this.read()[siteId]
    if (!sealed || !this.safeStorage.isEncryptionAvailable()) return undefined
    try {
      return this.safeStorage.decryptString(Buffer.from(sealed, 'base64'))
    } catch {
      // Sealed by another user or machine: as good as no secret; the site asks for a new one.
      return undefined
    }
  }

  set(siteId: string, secret: string): void {
    if (!this.safeStorage.isEncryptionAvailable())
      throw new Error('This computer offers Kopij no keychain to keep the site password in; it was not saved.')
    this.write({ ...this.read(), [siteId]: this.safeStorage.encryptString(secret).toString('base64') })
  }

  delete(siteId: string): void {
    const secrets = this.read()
    if (!(siteId in secrets)) return
    delete secrets[siteId]
    this.write(secrets)
  }
}
