// WXR files for tests and the bench: a WordPress export with nested categories, tags, posts of real-looking HTML,
// threaded comments (approved, pending, spam), pages and attachments that are not articles.
import fs from 'node:fs'

export interface WxrShape {
  posts: number
  commentsPerPost: number
  /** Paragraphs of text per post (each about 60 words). */
  paragraphs?: number
}

const cdata = (text: string) => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`

const words = 'acupunctuur rugpijn onderzoek placebo naalden patiënten behandeling studie effect pijn klachten resultaat groep artsen'.split(' ')
const sentence = (seed: number, n: number) =>
  Array.from({ length: n }, (_, i) => words[(seed * 7 + i * 13) % words.length]).join(' ').replace(/^./, (c) => c.toUpperCase()) + '.'

function post(i: number, shape: WxrShape): string {
  const paragraphs = Array.from({ length: shape.paragraphs ?? 4 }, (_, p) => `<p>${sentence(i + p, 12)} <strong>${sentence(i, 3)}</strong> ${sentence(i * 3 + p, 40)} <a href="https://example.org/${i}">bron</a>.</p>`)
  const content = [`<h2>Kop ${i}</h2>`, ...paragraphs, `<blockquote lang="en"><p>An English quotation ${i}.</p></blockquote>`, '<ul><li>een</li><li>twee</li></ul>'].join('\n')
  const comments = Array.from({ length: shape.commentsPerPost }, (_, c) => {
    const id = i * shape.commentsPerPost + c + 1
    const approved = c % 10 === 9 ? 'spam' : c % 5 === 4 ? '0' : '1'
    const parent = c > 0 && c % 3 === 0 ? id - 2 : 0
    return `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>${cdata(`Lezer ${c}`)}</wp:comment_author><wp:comment_author_email>lezer${c}@example.invalid</wp:comment_author_email><wp:comment_date>2024-03-0${(c % 9) + 1} 10:00:00</wp:comment_date><wp:comment_date_gmt>2024-03-0${(c % 9) + 1} 09:00:00</wp:comment_date_gmt><wp:comment_content>${cdata(`Reactie ${id} op &quot;artikel&quot;: ${sentence(id, 20)}\n\nTweede alinea.`)}</wp:comment_content><wp:comment_approved>${approved}</wp:comment_approved><wp:comment_type>${c === 2 ? 'pingback' : 'comment'}</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`
  }).join('\n')
  return `<item><title>${cdata(`Artikel ${i} &amp; meer`)}</title><link>https://site.example/artikel-${i}/</link><dc:creator>${cdata('redactie')}</dc:creator>
<content:encoded>${cdata(content)}</content:encoded><excerpt:encoded>${cdata(`Samenvatting ${i}`)}</excerpt:encoded>
<wp:post_id>${i + 100}</wp:post_id><wp:post_date_gmt>2024-02-01 08:00:00</wp:post_date_gmt><wp:post_modified_gmt>2024-02-02 08:00:00</wp:post_modified_gmt>
<wp:post_name>${cdata(`artikel-${i}`)}</wp:post_name><wp:status>${i % 20 === 19 ? 'draft' : 'publish'}</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="acupunctuur">${cdata('Acupunctuur')}</category><category domain="post_tag" nicename="rugpijn">${cdata('rugpijn')}</category>
${comments}
</item>`
}

const header = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Alternatieve geneeswijzen</title><link>https://site.example</link><language>nl-NL</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://site.example</wp:base_site_url><wp:base_blog_url>https://site.example</wp:base_blog_url>
<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>behandelwijzen</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>${cdata('Meest gebruikte behandelwijzen')}</wp:cat_name></wp:category>
<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>acupunctuur</wp:category_nicename><wp:category_parent>behandelwijzen</wp:category_parent><wp:cat_name>${cdata('Acupunctuur')}</wp:cat_name></wp:category>
<wp:tag><wp:term_id>3</wp:term_id><wp:tag_slug>rugpijn</wp:tag_slug><wp:tag_name>${cdata('rugpijn')}</wp:tag_name></wp:tag>
<item><title>Over ons</title><wp:post_id>1</wp:post_id><wp:post_type>page</wp:post_type><wp:status>publish</wp:status><content:encoded>${cdata('<p>Een pagina.</p>')}</content:encoded></item>
<item><title>foto.jpg</title><wp:post_id>2</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status></item>
`

/** Writes a WXR file of the given shape; returns its size in bytes. */
export function writeWxr(file: string, shape: WxrShape): number {
  const fd = fs.openSync(file, 'w')
  try {
    fs.writeSync(fd, header)
    let chunk: string[] = []
    for (let i = 0; i < shape.posts; i++) {
      chunk.push(post(i, shape))
      if (chunk.length === 200) {
        fs.writeSync(fd, chunk.join('\n'))
        chunk = []
      }
    }
    fs.writeSync(fd, `${chunk.join('\n')}\n</channel>\n</rss>\n`)
  } finally {
    fs.closeSync(fd)
  }
  return fs.statSync(file).size
}

/** What an import of `writeWxr(shape)` must bring in: posts (drafts too), and comments without the pingbacks. */
export function expectedCounts(shape: WxrShape): { posts: number; comments: number; skipped: number } {
  const pingbacks = shape.commentsPerPost > 2 ? 1 : 0
  return { posts: shape.posts, comments: shape.posts * (shape.commentsPerPost - pingbacks), skipped: 2 }
}
