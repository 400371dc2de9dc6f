import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReferenceSite, type ReferenceSite } from '../../site/server'
import { main } from '../cli'
import { tempDir } from '../publishing/testing/fixtures'
import { postVisitorComment } from './testing'

const demoArticle = '5e3d7f0a-9c1b-4f7e-8a2d-3b6c1e0f9a41'
let dir: string
let archive: string
let site: ReferenceSite

async function run(...args: string[]) {
  let out = ''
  let err = ''
  const code = await main(['--archive', archive, ...args], { out: (t) => (out += t), err: (t) => (err += t), color: false })
  return { code, out, err }
}

beforeAll(async () => {
  dir = tempDir('kopij-comments-cli-')
  archive = path.join(dir, 'archive.sqlite')
  site = await startReferenceSite({ dataDir: path.join(dir, 'site'), token: 'cli-token' })
})
afterAll(async () => {
  await site.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('kopij comments', () => {
  it("lists the queue: the demo archive's two pending comments, with why they wait", async () => {
    const listed = await run('comments', 'list')
    expect(listed.code).toBe(0)
    expect(listed.out).toMatch(/^demo-comment-david {2}pending {3}2010-08-13 20:41 {2}David on "Hoogste medische arbiter/)
    expect(listed.out).toContain('why it waits: first-time commenter, 1947 characters')
    expect(listed.out).toMatch(/2 of 2 comment\(s\) pending\n$/)
    const json = JSON.parse((await run('comments', 'list', '--status', 'all', '--search', 'placebo', '--json')).out)
    expect(json).toMatchObject({ total: 1, counts: { pending: 1, all: 1 }, items: [{ id: 'demo-comment-david', hints: [{ code: 'first-time' }] }] })
    expect(await run('comments', 'list', '--status', 'approved')).toMatchObject({ code: 0, out: '0 of 0 comment(s) approved\n' })
    expect(await run('comments', 'list', '--status', 'later')).toMatchObject({ code: 1, err: expect.stringContaining('--status is one of pending, approved, spam, trash, all') })
    expect(await run('comments', 'list', '--article', 'geen-artikel')).toMatchObject({ code: 3 })
    expect(await run('comments', 'moderate')).toMatchObject({ code: 1, err: expect.stringContaining('unknown command "comments moderate"') })
  })

  it('syncs a site named on the command line, and says what it found', async () => {
    expect(await run('comments', 'sync')).toMatchObject({ code: 1, err: expect.stringContaining('no site yet') })
    process.env.KOPIJ_COMMENTS_TOKEN = 'cli-token'
    expect((await run('sites', 'add', '--name', 'Referentie', '--kind', 'kopij-api', '--url', site.apiUrl, '--secret-env', 'KOPIJ_COMMENTS_TOKEN')).code).toBe(0)
    expect((await run('publish', '--site', 'Referentie', demoArticle)).code).toBe(0)
    await postVisitorComment(site, 'hoogste-medische-arbiter-acupunctuur-bij-lage-rugpijn', 'Lezer', 'Eindelijk een goede bron.', 'lezer@example.org')
    const synced = await run('comments', 'sync', '--site', 'referentie')
    expect(synced).toMatchObject({ code: 0, out: 'Referentie: OK, 1 new, 0 changed, 0 under posts not in the archive\n' })
    const listed = JSON.parse((await run('comments', 'list', '--json')).out)
    expect(listed.items.map((c: { authorName: string; onSite: boolean }) => [c.authorName, c.onSite])).toEqual([['Lezer', true], ['David', false], ['Erik', false]])
    expect(JSON.stringify(listed)).not.toContain('lezer@example.org')
    await site.close()
    const offline = await run('comments', 'sync', '--json')
    expect(offline.code).toBe(2)
    expect(JSON.parse(offline.out).sites[0]).toMatchObject({ ok: false, error: { code: 'network' } })
    site = await startReferenceSite({ dataDir: path.join(dir, 'site'), token: 'cli-token' })
  })
})
