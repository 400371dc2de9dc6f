import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReferenceSite, type ReferenceSite } from '../../site/server'
import { main } from '../cli'
import { Archive } from '../archive'
import { articleFields, tempDir } from './testing/fixtures'
import { writeWxr } from './testing/wxr'

let dir: string
let archive: string
let site: ReferenceSite
beforeAll(async () => {
  dir = tempDir('kopij-publishing-cli-')
  archive = path.join(dir, 'archive.sqlite')
  site = await startReferenceSite({ dataDir: path.join(dir, 'site'), token: 'cli-token' })
  const a = Archive.open(archive)
  a.articles.insert(articleFields(1))
  a.articles.insert(articleFields(2))
  a.articles.insert(articleFields(3, { title: '', slug: '' }))
  a.articles.insert(articleFields(4, { status: 'draft', slug: 'nog-niet' }))
  a.close()
})
afterAll(async () => {
  await site.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

async function run(...args: string[]) {
  let out = ''
  let err = ''
  const code = await main(['--archive', archive, ...args], { out: (t) => (out += t), err: (t) => (err += t), color: false })
  return { code, out, err }
}

describe('kopij sites, publish and import', () => {
  it('adds a site with its secret from the environment, kept beside the archive, never on the command line', async () => {
    process.env.KOPIJ_TEST_TOKEN = 'cli-token'
    const added = await run('sites', 'add', '--name', 'Referentie', '--kind', 'kopij-api', '--url', site.apiUrl, '--secret-env', 'KOPIJ_TEST_TOKEN')
    expect(added).toMatchObject({ code: 0 })
    expect(added.out).toContain(`kept in the file ${path.join(dir, 'kopij-credentials.json')}`)
    expect(added.out).toContain('Connection: OK: Connected as editor.')
    expect(fs.statSync(path.join(dir, 'kopij-credentials.json')).mode & 0o777).toBe(0o600)
    expect((await run('sites', 'list')).out).toMatch(/^Referentie\s+kopij-api\s+http:\/\/127\.0\.0\.1:\d+\/api\/v1\n$/)
    expect(await run('sites', 'test', 'referentie')).toMatchObject({ code: 0, out: 'OK: Connected as editor.\n' })
    const missing = await run('sites', 'add', '--name', 'X', '--kind', 'kopij-api', '--url', site.apiUrl, '--secret-env', 'KOPIJ_NOT_SET')
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining('KOPIJ_NOT_SET is empty or not set') })
  })

  it('checks a batch with --dry-run, publishes the ready articles, and says what was left out', async () => {
    const dry = await run('publish', '--site', 'Referentie', '--ready', '--dry-run')
    expect(dry.code).toBe(4)
    expect(dry.out).toMatch(/BLOCK {2}[0-9a-f-]{36}: The article has no title\./)
    expect(dry.out).toContain('2 to publish, 1 blocked')
    expect(site.store.stats().articles).toBe(0)
    const sent = await run('publish', '--site', 'Referentie', '--ready', '--json')
    expect(sent.code).toBe(4)
    const result = JSON.parse(sent.out)
    expect(result.batch).toMatchObject({ total: 2, counts: { done: 2 }, finished: true })
    expect(result.leftOut).toHaveLength(1)
    expect(site.store.stats().articles).toBe(2)
    const one = await run('publish', '--site', 'Referentie', 'nog-niet')
    expect(one).toMatchObject({ code: 0, out: expect.stringContaining('1 done, 0 failed, 0 in conflict, 0 waiting (of 1)') })
    expect(await run('publish', '--site', 'Nergens', '--ready')).toMatchObject({ code: 3, err: expect.stringContaining('There is no site named "Nergens"') })
  })

  it('imports a WXR file, and reports a malformed one', async () => {
    const file = path.join(dir, 'export.xml')
    writeWxr(file, { posts: 5, commentsPerPost: 2 })
    const done = await run('import', 'wxr', file, '--json')
    expect(done.code).toBe(0)
    expect(JSON.parse(done.out)).toMatchObject({ state: 'done', posts: 5, comments: 10 })
    fs.writeFileSync(file, '<rss><channel>')
    const bad = await run('import', 'wxr', file)
    expect(bad).toMatchObject({ code: 2, err: expect.stringContaining('ends before the export does') })
    expect(await run('import', 'frobnicate')).toMatchObject({ code: 1, err: expect.stringContaining('unknown command "import frobnicate"') })
  })
})
