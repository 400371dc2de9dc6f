// The reference site's pages for readers: an index, each published article with its approved comments and a form.
import type { SiteArticle, SiteComment } from './store'

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** No scripts at all: the article HTML is Kopij's sanitized output, and this policy holds even if it were not. */
export const pageSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action 'self'"

const style = `body{font:17px/1.6 Georgia,serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#222}
blockquote{border-left:3px solid #bbb;margin-left:0;padding-left:1rem;color:#444}.meta{color:#666;font-size:.9rem}
.comment{border-top:1px solid #ddd;padding:.5rem 0}.editor{background:#f4f7f4}label{display:block;margin-top:.5rem}
textarea,input{width:100%;font:inherit}`

function layout(title: string, language: string, body: string): string {
  return `<!doctype html>
<html lang="${escape(language)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><style>${style}</style></head>
<body>
<header><p><a href="/">Reference site</a></p></header>
<main>
${body}
</main>
</body>
</html>
`
}

export function indexPage(articles: SiteArticle[]): string {
  const items = articles.map((a) => `<li><a href="/${encodeURIComponent(a.slug)}/">${escape(a.title)}</a></li>`).join('\n')
  return layout('Reference site', 'nl', `<h1>Artikelen</h1>\n<ul>\n${items}\n</ul>`)
}

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => `<p>${escape(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('')

export function articlePage(article: SiteArticle, comments: SiteComment[], notice?: string): string {
  const list = comments
    .map(
      (c) => `<article class="comment${c.byEditor ? ' editor' : ''}" id="comment-${escape(c.id)}">
<p class="meta">${escape(c.authorName)}${c.byEditor ? ' (redactie)' : ''} · <time datetime="${escape(c.postedAt)}">${escape(c.postedAt.slice(0, 10))}</time></p>
${paragraphs(c.text)}
</article>`,
    )
    .join('\n')
  return layout(
    article.title,
    article.language,
    `<article class="post">
<h1>${escape(article.title)}</h1>
${article.excerpt ? `<p class="meta">${escape(article.excerpt)}</p>` : ''}
${article.html}
</article>
<section aria-labelledby="comments-title">
<h2 id="comments-title">Reacties (${comments.length})</h2>
${notice ? `<p role="status">${escape(notice)}</p>` : ''}
${list}
<form method="post" action="/${encodeURIComponent(article.slug)}/comments">
<h3>Geef een reactie</h3>
<label>Naam <input name="author" required maxlength="200"></label>
<label>E-mail <input name="email" type="email" maxlength="200"></label>
<label>Reactie <textarea name="comment" rows="6" required maxlength="20000"></textarea></label>
<p><button type="submit">Reactie plaatsen</button></p>
</form>
</section>`,
  )
}

export function notFoundPage(): string {
  return layout('Niet gevonden', 'nl', '<h1>Niet gevonden</h1><p>Deze pagina bestaat niet (meer).</p>')
}
