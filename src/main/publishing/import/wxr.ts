// Reading a WordPress export (WXR) as a stream: channel, category tree, then each post with its comments.
import fs from 'node:fs'
import { SaxesParser } from 'saxes'
import { commentStatus, wpDate, type ImportedComment, type ImportedPost } from './writer'

export interface WxrItem extends ImportedPost {
  /** post, page, attachment, nav_menu_item…: only posts become articles. */
  type: string
  comments: ImportedComment[]
}

export interface WxrChannel {
  title: string
  baseUrl: string
}

export class WxrError extends Error {}

interface Draft {
  fields: Record<string, string>
  categories: { domain: string; nicename: string; name: string }[]
  comments: Record<string, string>[]
}

/**
 * Streams `file` and calls `onItems` with the items parsed so far (after each chunk read), in order; `onItems` may
 * be slow (it writes to the archive): reading waits for it. Throws WxrError for a file that is not a WXR export.
 */
export async function readWxr(
  file: string,
  onItems: (items: WxrItem[], channel: WxrChannel) => Promise<void> | void,
  signal?: AbortSignal,
): Promise<{ items: number; channel: WxrChannel }> {
  const parser = new SaxesParser({ xmlns: false, position: true })
  const channel: WxrChannel = { title: '', baseUrl: '' }
  const categoryDefs = new Map<string, { name: string; parent: string }>()
  const stack: string[] = []
  let text = ''
  let item: Draft | null = null
  let comment: Record<string, string> | null = null
  let term: Record<string, string> | null = null
  let category: { domain: string; nicename: string } | null = null
  let sawWxr = false
  let count = 0
  const ready: WxrItem[] = []

  const path = (nicename: string): string[] => {
    const names: string[] = []
    const seen = new Set<string>()
    for (let at: string | undefined = nicename; at && !seen.has(at) && names.length < 10; at = categoryDefs.get(at)?.parent) {
      seen.add(at)
      names.unshift(categoryDefs.get(at)?.name ?? at)
    }
    return names
  }

  parser.on('opentag', (node) => {
    const name = node.name
    stack.push(name)
    text = ''
    if (name === 'item') item = { fields: {}, categories: [], comments: [] }
    else if (name === 'wp:comment' && item) comment = {}
    else if ((name === 'wp:category' || name === 'wp:tag') && !item) term = {}
    else if (name === 'category' && item) category = { domain: String(node.attributes.domain ?? ''), nicename: String(node.attributes.nicename ?? '') }
  })
  parser.on('text', (t) => (text += t))
  parser.on('cdata', (t) => (text += t))
  parser.on('closetag', (node) => {
    const name = node.name
    stack.pop()
    const value = text
    text = ''
    if (name === 'wp:wxr_version') sawWxr = true
    if (comment && name.startsWith('wp:comment_')) comment[name.slice(3)] = value
    else if (name === 'wp:comment' && item && comment) {
      item.comments.push(comment)
      comment = null
    } else if (category && name === 'category' && item) {
      item.categories.push({ ...category, name: value.trim() })
      category = null
    } else if (term && name.startsWith('wp:') && name !== 'wp:category' && name !== 'wp:tag') term[name.slice(3)] = value.trim()
    else if (term && name === 'wp:category') {
      if (term.category_nicename) categoryDefs.set(term.category_nicename, { name: term.cat_name || term.category_nicename, parent: term.category_parent ?? '' })
      term = null
    } else if (term && name === 'wp:tag') term = null
    else if (item && name === 'item') {
      ready.push(toItem(item, path))
      count++
      item = null
    } else if (item && stack.at(-1) === 'item') item.fields[name] = value
    else if (!item && stack.at(-1) === 'channel') {
      if (name === 'title') channel.title = value.trim()
      else if (name === 'wp:base_site_url' || (name === 'link' && !channel.baseUrl)) channel.baseUrl = value.trim()
    }
  })

  let stream: fs.ReadStream
  try {
    await fs.promises.access(file, fs.constants.R_OK)
    stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 })
  } catch (error) {
    throw new WxrError(`Kopij cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message}.`)
  }
  try {
    for await (const chunk of stream) {
      if (signal?.aborted) break
      try {
        parser.write(chunk as string)
      } catch (error) {
        throw new WxrError(`${file} is not a well-formed WordPress export: ${(error as Error).message.split('\n')[0]}`)
      }
      if (ready.length) await onItems(ready.splice(0), channel)
    }
    if (!signal?.aborted) {
      try {
        parser.close()
      } catch (error) {
        throw new WxrError(`${file} ends before the export does (cut off?): ${(error as Error).message.split('\n')[0]}`)
      }
      if (!sawWxr) throw new WxrError(`${file} is XML, but not a WordPress export (it has no wp:wxr_version).`)
      if (ready.length) await onItems(ready.splice(0), channel)
    }
  } finally {
    stream.destroy()
  }
  return { items: count, channel }
}

function toItem(draft: Draft, path: (nicename: string) => string[]): WxrItem {
  const f = draft.fields
  const remoteId = (f['wp:post_id'] ?? '').trim()
  return {
    type: (f['wp:post_type'] ?? 'post').trim(),
    remoteId,
    title: f.title ?? '',
    html: f['content:encoded'] ?? '',
    excerptHtml: f['excerpt:encoded'] ?? '',
    slug: (f['wp:post_name'] ?? '').trim(),
    status: (f['wp:status'] ?? 'draft').trim(),
    modifiedGmt: wpDate(f['wp:post_modified_gmt'])?.slice(0, 19) ?? null,
    link: f.link?.trim() || null,
    categoryPaths: draft.categories.filter((c) => c.domain === 'category').map((c) => (c.nicename ? path(c.nicename) : [c.name])),
    tags: draft.categories.filter((c) => c.domain === 'post_tag').map((c) => c.name),
    comments: draft.comments
      .filter((c) => !['pingback', 'trackback'].includes((c.comment_type ?? '').trim()))
      .flatMap((c): ImportedComment[] => {
        const status = commentStatus((c.comment_approved ?? '').trim())
        if (!status || !c.comment_id) return []
        const parent = (c.comment_parent ?? '0').trim()
        return [
          {
            remoteId: c.comment_id.trim(),
            postRemoteId: remoteId,
            parentRemoteId: parent && parent !== '0' ? parent : null,
            author: c.comment_author ?? '',
            email: (c.comment_author_email ?? '').trim(),
            postedAt: wpDate(c.comment_date_gmt) ?? wpDate(c.comment_date) ?? wpDate(f['wp:post_date_gmt']) ?? new Date(0).toISOString(),
            html: c.comment_content ?? '',
            status,
          },
        ]
      })
      .sort((a, b) => Number(a.remoteId) - Number(b.remoteId)),
  }
}
