import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from './cli'
import { demoArticleId } from './archive/demo'

let dir: string
let archive: string
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-cli-'))
  archive = path.join(dir, 'archive.sqlite')
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

async function run(...args: string[]) {
  let out = ''
  let err = ''
  const code = await main(['--archive', archive, ...args], { out: (t) => (out += t), err: (t) => (err += t), color: false })
  return { code, out, err }
}

describe('kopij CLI', () => {
  it('lists the demo archive it creates on first use', async () => {
    const { code, out } = await run('list')
    expect(code).toBe(0)
    expect(out).toContain('Hoogste medische arbiter: acupunctuur bij lage rugpijn!')
    expect(out).toContain('1 of 1 article(s)')
    const json = JSON.parse((await run('list', '--json')).out)
    expect(json.items[0].id).toBe(demoArticleId)
  })

  it('shows an article by slug or id, as text or as HTML', async () => {
    const text = await run('show', 'hoogste-medische-arbiter-acupunctuur-bij-lage-rugpijn')
    expect(text.out).toContain('category: Meest gebruikte behandelwijzen > Acupunctuur')
    expect(text.out).toContain('Local anesthesia at needle-insertion sites')
    const html = await run('show', demoArticleId, '--html')
    expect(html.out).toMatch(/^<p>Weinigen zullen/)
    expect(html.out).toContain('<blockquote lang="en">')
    expect(html.out).toContain('<section class="bibliography"><h2>Bronnen</h2><ol><li id="bron-1">Berman BM')
  })

  it('searches with marked passages, and takes FTS syntax as plain text', async () => {
    const hit = JSON.parse((await run('search', 'endogene', '--json')).out)
    expect(hit.items[0].snippet.find((r: { match: boolean }) => r.match).text).toBe('endogene')
    const odd = await run('search', 'NEAR(', '"acupunctuur', 'AND')
    expect(odd.code).toBe(0)
    expect(odd.out).toContain('0 of 0 match(es)')
  })

  it('answers mistakes with a clear message and an exit code', async () => {
    expect(await run('show', 'no-such-article')).toMatchObject({ code: 3, err: expect.stringContaining('There is no article') })
    expect(await run('frobnicate')).toMatchObject({ code: 1, err: expect.stringContaining('unknown command') })
    expect(await run('list', '--status', 'deleted')).toMatchObject({ code: 2, err: expect.stringContaining('status') })
    const junk = path.join(dir, 'junk.sqlite')
    fs.writeFileSync(junk, 'this is not a database at all, just text'.repeat(200))
    let err = ''
    const code = await main(['--archive', junk, 'list'], { out: () => {}, err: (t) => (err += t), color: false })
    expect(code).toBe(2)
    expect(err).toMatch(/damaged or is not a Kopij archive/)
  })

  it('runs as the `kopij` bin', () => {
    const result = spawnSync(process.execPath, [path.resolve(__dirname, '../../bin/kopij.cjs'), '--archive', archive, 'search', 'rugpijn'], { encoding: 'utf8' })
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('Hoogste medische arbiter')
  })
})
