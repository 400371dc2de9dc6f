// Baseline pages: the same article in a bare contenteditable, served from the harness's origin, measured alike.
import type { Page } from '@playwright/test'
import type { Article } from '../src/shared/articles'
import { documentToHtml, escapeHtml } from '../src/shared/document'

/** Where the baseline page lives: on the harness's origin, so it can use the bridge and the built stylesheets. */
export const plainPath = '__bench/plain.html'

/**
 * Serves the baseline page for this Page only (Playwright route; the harness itself is untouched). `typing` holds
 * the article in a contenteditable laid out with the editor's stylesheets; `?busy=N` adds an N ms busy-wait to every
 * keydown, the known cost the probe must see. `open` fetches an article over the bridge and renders its JSON as
 * plain DOM: the least any editor has to do to show it.
 */
export async function servePlainPage(page: Page, harnessUrl: string, stylesheets: string[], article: Article, openable: Article[]) {
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('\n')
  const buttons = openable.map((a) => `<button type="button" data-id="${a.id}">${escapeHtml(a.title)}</button>`).join('\n')
  const html = `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Baseline</title>
${links}
<script src="/__harness/bridge.js"></script>
<style>.bench-scroll { height: 100vh; overflow-y: auto } .bench-list { position: fixed; top: 0; left: 0; z-index: 1 }</style>
</head>
<body>
<div class="bench-list">${buttons}</div>
<div class="editor-scroll bench-scroll"><div class="editor-column">
<h1 id="title" class="title-field">${escapeHtml(article.title)}</h1>
<div id="body" class="ProseMirror article-body" contenteditable="true" role="textbox" aria-multiline="true" lang="nl" spellcheck="true">${documentToHtml(article.doc)}</div>
</div></div>
<script>
  const busy = Number(new URLSearchParams(location.search).get('busy') || 0)
  if (busy > 0)
    document.getElementById('body').addEventListener('keydown', () => {
      const end = performance.now() + busy
      while (performance.now() < end) {}
    })
  const tags = { paragraph: 'p', blockquote: 'blockquote', bulletList: 'ul', orderedList: 'ol', listItem: 'li', codeBlock: 'pre', horizontalRule: 'hr', hardBreak: 'br' }
  const build = (node) => {
    if (node.type === 'text') return document.createTextNode(node.text)
    const el = document.createElement(node.type === 'heading' ? 'h' + node.attrs.level : tags[node.type] || 'div')
    if (node.attrs && node.attrs.lang) el.lang = node.attrs.lang
    for (const child of node.content || []) el.appendChild(build(child))
    return el
  }
  for (const button of document.querySelectorAll('button[data-id]'))
    button.addEventListener('click', async () => {
      const answer = await window.api.invoke('articles.get', { id: button.dataset.id })
      if (!answer.ok) throw new Error(answer.error.message)
      document.getElementById('title').textContent = answer.value.title
      document.getElementById('body').replaceChildren(...(answer.value.doc.content || []).map(build))
    })
</script>
</body>
</html>`
  await page.route(`${harnessUrl}${plainPath}*`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }))
}
