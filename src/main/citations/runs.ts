// citeproc's HTML output read into styled text runs (never passed on as markup), with DOI and PMID made links.
import type { Run } from '../../shared/citations'
import { doiUrl, pubmedUrl } from './identifiers'

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ''
    }
    return entities[name.toLowerCase()] ?? whole
  })

type Style = Omit<Run, 'text' | 'href'>

/** What each tag citeproc writes does to the text inside it; any other tag is dropped, its text kept. */
function styleOf(tag: string, current: Style): Style {
  const name = /^<\s*([a-z0-9]+)/i.exec(tag)?.[1]?.toLowerCase()
  const style = /style="([^"]*)"/i.exec(tag)?.[1]?.replace(/\s+/g, '').toLowerCase() ?? ''
  if (name === 'i' || name === 'em') return { ...current, italic: true }
  if (name === 'b' || name === 'strong') return { ...current, bold: true }
  if (name === 'sup') return { ...current, sup: true }
  if (name === 'sub') return { ...current, sub: true }
  if (name === 'span') {
    if (style.includes('font-variant:small-caps')) return { ...current, smallCaps: true }
    if (style.includes('font-style:normal')) return { ...current, italic: false }
    if (style.includes('font-weight:normal')) return { ...current, bold: false }
  }
  return current
}

const clean = (style: Style): Style => Object.fromEntries(Object.entries(style).filter(([, v]) => v)) as Style

/** Runs of one citeproc entry; the number column of numeric styles (csl-left-margin) is left out. */
export function htmlToRuns(html: string): Run[] {
  const body = html.replace(/<div class="csl-left-margin">[\s\S]*?<\/div>/g, '')
  const runs: Run[] = []
  const stack: Style[] = [{}]
  for (const token of body.split(/(<[^>]*>)/)) {
    if (!token) continue
    if (token.startsWith('<')) {
      if (/^<\s*\//.test(token)) {
        if (stack.length > 1) stack.pop()
      } else if (!/\/\s*>$/.test(token)) stack.push(styleOf(token, stack[stack.length - 1]!))
      continue
    }
    const text = decode(token).replace(/\s+/g, ' ')
    if (!text) continue
    const style = clean(stack[stack.length - 1]!)
    const last = runs[runs.length - 1]
    if (last && JSON.stringify(clean({ ...last, text: undefined } as Style)) === JSON.stringify(style)) last.text += text
    else runs.push({ text, ...style })
  }
  if (runs[0]) runs[0].text = runs[0].text.trimStart()
  if (runs.length) runs[runs.length - 1]!.text = runs[runs.length - 1]!.text.trimEnd()
  return runs.filter((r) => r.text)
}

/** Puts `href` on the parts of the runs between `from` and `to` (offsets into their joined text). */
function link(runs: Run[], from: number, to: number, href: string): Run[] {
  const out: Run[] = []
  let at = 0
  for (const run of runs) {
    const start = at
    const end = at + run.text.length
    at = end
    if (end <= from || start >= to || run.href) {
      out.push(run)
      continue
    }
    const a = Math.max(from, start) - start
    const b = Math.min(to, end) - start
    if (a > 0) out.push({ ...run, text: run.text.slice(0, a) })
    out.push({ ...run, text: run.text.slice(a, b), href })
    if (b < run.text.length) out.push({ ...run, text: run.text.slice(b) })
  }
  return out
}

/**
 * Links the DOI and the PMID where the style printed them ("doi:10.1056/…", "https://doi.org/…", "PMID: 20818865").
 * Returns whether each was found, so a style that leaves the PMID out can still get a link beside the entry.
 */
export function linkIdentifiers(runs: Run[], ids: { doi?: string; pmid?: string }): { runs: Run[]; doiLinked: boolean; pmidLinked: boolean } {
  let out = runs
  let doiLinked = false
  let pmidLinked = false
  const whole = () => out.map((r) => r.text).join('')
  if (ids.doi) {
    const text = whole()
    const url = /https?:\/\/(?:dx\.)?doi\.org\/\S+/i.exec(text)
    const at = url ? url.index : text.toLowerCase().indexOf(ids.doi.toLowerCase())
    if (at >= 0) {
      const length = url ? url[0].replace(/[.,;]+$/, '').length : ids.doi.length
      out = link(out, at, at + length, doiUrl(ids.doi))
      doiLinked = true
    }
  }
  if (ids.pmid) {
    const match = new RegExp(`\\b${ids.pmid}\\b`).exec(whole())
    if (match) {
      out = link(out, match.index, match.index + ids.pmid.length, pubmedUrl(ids.pmid))
      pmidLinked = true
    }
  }
  return { runs: out, doiLinked, pmidLinked }
}
