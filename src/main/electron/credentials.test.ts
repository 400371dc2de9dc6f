import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SafeStorageCredentialStore } from './credentials'

let dir: string
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

/** safeStorage as Electron has it, with a reversible stand-in for the OS's encryption. */
const fakeSafeStorage = (available = true) => ({
  isEncryptionAvailable: () => available,
  encryptString: (text: string) => Buffer.from([...Buffer.from(text)].map((b) => b ^ 0x5a)),
  decryptString: (data: Buffer) => Buffer.from([...data].map((b) => b ^ 0x5a)).toString(),
  getSelectedStorageBackend: () => 'gnome_libsecret',
})

describe('site secrets in the desktop app', () => {
  it('keeps only ciphertext, in a 0600 file in the user data folder', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-safe-'))
    const store = new SafeStorageCredentialStore(fakeSafeStorage(), dir)
    store.set('site-1', 'abcd efgh ijkl')
    expect(store.get('site-1')).toBe('abcd efgh ijkl')
    const file = path.join(dir, 'site-secrets.json')
    expect(fs.readFileSync(file, 'utf8')).not.toContain('abcd')
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(store.description).toBe('the system keychain')
    store.delete('site-1')
    expect(store.get('site-1')).toBeUndefined()
  })

  it('refuses to keep a secret when there is no keychain', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-safe-'))
    const store = new SafeStorageCredentialStore(fakeSafeStorage(false), dir)
    expect(() => store.set('site-1', 'geheim')).toThrow(/no keychain/)
    expect(fs.existsSync(path.join(dir, 'site-secrets.json'))).toBe(false)
  })
})
