import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startKopij } from '../kopij'
import { MemoryCredentialStore } from '../publishing/credentials'
import { call, tempDir } from '../publishing/testing/fixtures'
import { commentWorld, onSite, postVisitorComment, type CommentWorld } from './testing'

let w: CommentWorld | undefined
afterEach(async () => {
  await w?.close()
  w = undefined
})

const demoArticle = '5e3d7f0a-9c1b-4f7e-8a2d-3b6c1e0f9a41'

describe('the demo archive', () => {
  it("has the seed's two comments pending on the seed article, with the reasons they wait", async () => {
    const dir = tempDir('kopij-comments-demo-')
    const kopij = startKopij({ archivePath: path.join(dir, 'archive.sqlite'), host: 'cli', credentials: new MemoryCredentialStore(), outbox: { start: false } })
    try {
      const thread = await call(kopij, 'comments.forArticle', { articleId: demoArticle })
      expect(thread.map((c) => [c.authorName, c.status, c.onSite])).toEqual([['Erik', 'pending', false], ['David', 'pending', false]])
      expect(thread[0]!.html).toMatch(/^<p>Acupuncture for Chronic Low Back Pain<\/p><p>Brian M\. Berman/)
      expect(thread[0]!.hints).toEqual([{ code: 'first-time', count: 0 }, { code: 'long', count: 1947 }])
      expect(thread[1]!.hints).toEqual([{ code: 'first-time', count: 0 }])
      const queue = await call(kopij, 'comments.list', { status: 'pending' })
      expect(queue).toMatchObject({ total: 2, counts: { pending: 2, approved: 0, spam: 0, trash: 0, all: 2 } })
      expect(queue.items.map((c) => c.authorName)).toEqual(['David', 'Erik'])
      expect(queue.items[0]).toMatchObject({ articleTitle: 'Hoogste medische arbiter: acupunctuur bij lage rugpijn!', hasEmail: false, delivery: null })
      // Searched like the archive's articles: words, diacritics folded, the last word as a prefix; never FTS syntax.
      expect((await call(kopij, 'comments.list', { status: 'all', query: 'placebo' })).items.map((c) => c.authorName)).toEqual(['David'])
      expect((await call(kopij, 'comments.list', { status: 'all', query: 'patiënten fopp' })).items.map((c) => c.authorName)).toEqual(['David'])
      expect((await call(kopij, 'comments.list', { status: 'all', query: '"NEAR(" AND *' })).total).toBe(0)
      // Decided locally (the seed is on no site): shown at once, nothing queued.
      expect(await call(kopij, 'comments.moderate', { ids: ['demo-comment-erik'], status: 'approved' })).toEqual({ changed: 1, queued: 0 })
      expect((await call(kopij, 'comments.counts', {})).approved).toBe(1)
      // David is no longer a first-timer once a comment of his is approved; Erik's approval does not count for David.
      expect((await call(kopij, 'comments.get', { id: 'demo-comment-david' })).comment.hints).toEqual([{ code: 'first-time', count: 0 }])
    } finally {
      kopij.close()
    }
  })
})

describe('comments on a site of the export API', () => {
  it('syncs visitors’ comments incrementally, threads kept, e-mail only on request', async () => {
    w = await commentWorld()
    await postVisitorComment(w.site, w.slug, 'Lezer', 'Interessant, zie https://example.org/studie en http://example.net', 'lezer@example.org')
    let result = await call(w.kopij, 'comments.sync', {})
    expect(result.sites).toEqual([expect.objectContaining({ ok: true, added: 1, updated: 0, skipped: 0 })])
    const [first] = (await call(w.kopij, 'comments.list', {})).items
    expect(first).toMatchObject({ authorName: 'Lezer', status: 'pending', siteStatus: 'pending', onSite: true, hasEmail: true, articleId: w.articleId })
    expect(first!.hints.map((h) => [h.code, h.count])).toEqual([['links', 2], ['first-time', 0]])
    expect(JSON.stringify(await call(w.kopij, 'comments.list', {}))).not.toContain('lezer@example.org')
    expect(await call(w.kopij, 'comments.email', { id: first!.id })).toEqual({ email: 'lezer@example.org' })

    // A reply on the site to that comment, and a comment on an article the archive does not have.
    const remote = onSite(w.site, 'Lezer')[0]!
    w.site.store.addComment({ id: 'site-reply', articleId: w.articleId, parentId: remote.id, authorName: 'Ander', text: 'Eens!', status: 'pending', byEditor: false, postedAt: new Date().toISOString() })
    w.site.store.putArticle({ id: 'elders', slug: 'elders', title: 'Elders', html: '<p>x</p>', excerpt: '', language: 'nl', categories: [], tags: [], status: 'published', publishAt: null }, new Date().toISOString())
    w.site.store.addComment({ id: 'orphan', articleId: 'elders', parentId: null, authorName: 'Wees', text: 'Hier', status: 'pending', byEditor: false, postedAt: new Date().toISOString() })
    result = await call(w.kopij, 'comments.sync', { siteId: w.siteId })
    expect(result.sites[0]).toMatchObject({ added: 1, updated: 0, skipped: 1 })
    const thread = await call(w.kopij, 'comments.forArticle', { articleId: w.articleId })
    expect(thread.map((c) => [c.authorName, c.parentId === thread[0]!.id])).toEqual([['Lezer', false], ['Ander', true]])
    expect((await call(w.kopij, 'comments.sync', {})).sites[0]).toMatchObject({ added: 0, updated: 0 })
  })

  it('sends a decision with the status seen; the approved comment appears under its article on the site', async () => {
    w = await commentWorld()
    await postVisitorComment(w.site, w.slug, 'Lezer', 'Goed stuk.')
    await call(w.kopij, 'comments.sync', {})
    const [comment] = (await call(w.kopij, 'comments.list', {})).items
    expect(await call(w.kopij, 'comments.moderate', { ids: [comment!.id], status: 'approved' })).toEqual({ changed: 1, queued: 1 })
    // Shown at once, before the site has it.
    expect((await call(w.kopij, 'comments.get', { id: comment!.id })).comment).toMatchObject({ status: 'approved', siteStatus: 'pending' })
    await w.idle()
    expect(onSite(w.site, 'Lezer')[0]).toMatchObject({ status: 'approved' })
    expect((await call(w.kopij, 'comments.get', { id: comment!.id })).comment).toMatchObject({ status: 'approved', siteStatus: 'approved', delivery: { state: 'done', action: 'status' } })
    expect(await (await fetch(`${w.site.url}/${w.slug}/`)).text()).toContain('<p>Goed stuk.</p>')
    const items = await call(w.kopij, 'outbox.list', { articleId: w.articleId })
    expect(items.items.map((i) => [i.kind, i.state, i.commentId])).toContainEqual(['comment.moderate', 'done', comment!.id])
  })

  it('changes a decision not sent yet in place, and drops it when it comes back to what the site has', async () => {
    w = await commentWorld()
    await postVisitorComment(w.site, w.slug, 'Lezer', 'Goed stuk.')
    await call(w.kopij, 'comments.sync', {})
    const [comment] = (await call(w.kopij, 'comments.list', {})).items
    w.kopij.publishing.service.worker.halt()
    await call(w.kopij, 'comments.moderate', { ids: [comment!.id], status: 'approved' })
    await call(w.kopij, 'comments.moderate', { ids: [comment!.id], status: 'spam' })
    let items = (await call(w.kopij, 'outbox.list', { states: ['queued'] })).items
    expect(items).toHaveLength(1)
    await call(w.kopij, 'comments.moderate', { ids: [comment!.id], status: 'pending' })
    items = (await call(w.kopij, 'outbox.list', { states: ['queued'] })).items
    expect(items).toHaveLength(0)
  })

  it('turns a status changed on the site meanwhile into a conflict that shows both; keep mine or take theirs', async () => {
    w = await commentWorld()
    await postVisitorComment(w.site, w.slug, 'Een', 'Eerste reactie.')
    await postVisitorComment(w.site, w.slug, 'Twee', 'Tweede reactie.')
    await call(w.kopij, 'comments.sync', {})
    const ids = Object.fromEntries((await call(w.kopij, 'comments.list', {})).items.map((c) => [c.authorName, c.id]))
    // Someone moderates on the site first.
    for (const name of ['Een', 'Twee']) w.site.store.setCommentStatus(onSite(w.site, name)[0]!.id, 'spam', new Date().toISOString())
    await call(w.kopij, 'comments.moderate', { ids: [ids.Een!, ids.Twee!], status: 'approved' })
    await w.idle()
    const detail = await call(w.kopij, 'comments.get', { id: ids.Een! })
    expect(detail.comment.delivery).toMatchObject({ state: 'conflict', action: 'status' })
    expect(detail.conflict).toEqual({ mine: { status: 'approved', html: '<p>Eerste reactie.</p>' }, theirs: expect.objectContaining({ status: 'spam', html: '<p>Eerste reactie.</p>' }) })
    // The outbox view reads the same conflict through the publishing calls.
    const itemId = detail.comment.delivery!.itemId
    expect(await call(w.kopij, 'conflicts.get', { itemId })).toMatchObject({ mine: { title: 'Een', status: 'approved' }, theirs: { status: 'spam' } })

    await call(w.kopij, 'comments.resolve', { id: ids.Een!, choice: 'keep-mine' })
    await w.idle()
    expect(onSite(w.site, 'Een')[0]!.status).toBe('approved')
    expect((await call(w.kopij, 'comments.get', { id: ids.Een! })).comment).toMatchObject({ status: 'approved', siteStatus: 'approved', delivery: { state: 'done' } })

    const taken = await call(w.kopij, 'comments.resolve', { id: ids.Twee!, choice: 'take-theirs' })
    expect(taken).toMatchObject({ status: 'spam', siteStatus: 'spam', delivery: { state: 'done' } })
    expect(onSite(w.site, 'Twee')[0]!.status).toBe('spam')
  })

  it('posts a reply that approves its parent, replies to that reply, edits with a note, deletes from trash', async () => {
    w = await commentWorld()
    await postVisitorComment(w.site, w.slug, 'Vrager', 'Werkt het ook bij nekpijn?')
    await call(w.kopij, 'comments.sync', {})
    const [question] = (await call(w.kopij, 'comments.list', {})).items
    const reply = await call(w.kopij, 'comments.reply', { parentId: question!.id, text: 'Goede vraag.\n\nDaar is <em>minder</em> onderzoek naar.' })
    expect(reply).toMatchObject({ status: 'approved', byEditor: true, parentId: question!.id, html: '<p>Goede vraag.</p>\n<p>Daar is <em>minder</em> onderzoek naar.</p>' })
    expect((await call(w.kopij, 'comments.get', { id: question!.id })).comment.status).toBe('approved')
    const again = await call(w.kopij, 'comments.reply', { parentId: reply.id, text: 'Aanvulling: zie de bron.' })
    await w.idle()
    const siteReply = w.site.store.comment(reply.id)!
    expect(siteReply).toMatchObject({ parentId: onSite(w.site, 'Vrager')[0]!.id, status: 'approved', byEditor: true, text: 'Goede vraag.\n\nDaar is minder onderzoek naar.' })
    expect(w.site.store.comment(again.id)).toMatchObject({ parentId: reply.id, status: 'approved' })
    expect(onSite(w.site, 'Vrager')[0]!.status).toBe('approved')
    const page = await (await fetch(`${w.site.url}/${w.slug}/`)).text()
    expect(page).toContain('Werkt het ook bij nekpijn?')
    expect(page).toContain('(redactie)')

    const edited = await call(w.kopij, 'comments.edit', { id: question!.id, text: 'Werkt het ook bij nekklachten?', note: 'Typfout van de lezer' })
    expect(edited).toMatchObject({ edited: true, text: 'Werkt het ook bij nekklachten?' })
    await w.idle()
    expect(onSite(w.site, 'Vrager')[0]!.text).toBe('Werkt het ook bij nekklachten?')
    expect((await call(w.kopij, 'comments.get', { id: question!.id })).edits).toEqual([
      expect.objectContaining({ beforeHtml: '<p>Werkt het ook bij nekpijn?</p>', afterHtml: '<p>Werkt het ook bij nekklachten?</p>', note: 'Typfout van de lezer' }),
    ])

    await expect(call(w.kopij, 'comments.delete', { ids: [again.id] })).rejects.toMatchObject({ code: 'invalid-input' })
    await call(w.kopij, 'comments.moderate', { ids: [again.id], status: 'trash' })
    expect(await call(w.kopij, 'comments.delete', { ids: [again.id] })).toEqual({ deleted: 1 })
    expect((await call(w.kopij, 'comments.counts', {})).trash).toBe(0)
    await w.idle()
    expect(w.site.store.comment(again.id)).toBeUndefined()
    await expect(call(w.kopij, 'comments.get', { id: again.id })).rejects.toMatchObject({ code: 'not-found' })
  })

  it('keeps offline decisions across a restart and sends them when the site is back', async () => {
    w = await commentWorld()
    await postVisitorComment(w.site, w.slug, 'Lezer', 'Offline beoordeeld.')
    await call(w.kopij, 'comments.sync', {})
    const [comment] = (await call(w.kopij, 'comments.list', {})).items
    const port = Number(new URL(w.site.url).port)
    await w.site.close()
    await call(w.kopij, 'comments.moderate', { ids: [comment!.id], status: 'approved' })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect((await call(w.kopij, 'comments.get', { id: comment!.id })).comment).toMatchObject({ status: 'approved', delivery: { state: 'queued' } })
    // Kopij closes with the decision unsent, and starts again.
    w.kopij.close()
    const { startReferenceSite } = await import('../../site/server')
    w.site = await startReferenceSite({ dataDir: path.join(w.dir, 'site'), port, token: 'test-token' })
    w.kopij = startKopij({ archivePath: path.join(w.dir, 'archive.sqlite'), host: 'cli', demo: false, credentials: w.credentials, outbox: { backoff: { baseMs: 20, maxMs: 200 } } })
    // The item waited with a backoff while the site was away: it goes at its next attempt.
    for (let i = 0; i < 100 && onSite(w.site, 'Lezer')[0]!.status !== 'approved'; i++) await new Promise((resolve) => setTimeout(resolve, 50))
    await w.kopij.publishing.service.worker.whenIdle()
    expect(onSite(w.site, 'Lezer')[0]!.status).toBe('approved')
    expect((await call(w.kopij, 'comments.get', { id: comment!.id })).comment).toMatchObject({ status: 'approved', siteStatus: 'approved' })
  })
})
