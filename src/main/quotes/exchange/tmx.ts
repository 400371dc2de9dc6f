// TMX 1.4: English–Dutch pairs read from any CAT tool's memory, and Kopij's memory written for them.
import { maxSegmentChars, type ExchangeProblem } from '../../../shared/quotes'
import type { ImportedPair } from '../tm/store'
import { ExchangeError, languageOf, readXml, xmlText, type ReadControl } from './xml'

export interface TmxResult {
  pairs: (ImportedPair & { record: number; line: number })[]
  problems: ExchangeProblem[]
  units: number
}

/** Inline codes of a segment (formatting of the tool that made it): not text. */
const codeElements = new Set(['bpt', 'ept', 'ph', 'it', 'ut'])

/** TMX dates (20100729T120000Z) as ISO instants; anything else is left out. */
function tmxDate(value: string | undefined): string | undefined {
  const m = value?.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/)
  if (!m) return undefined
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!))
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

export async function readTmx(text: string, control: ReadControl): Promise<TmxResult | null> {
  const result: TmxResult = { pairs: [], problems: [], units: 0 }
  const state = { root: null as string | null }
  let unit: { line: number; created?: string; changed?: string; variants: { lang: string; seg: string }[] } | null = null
  let lang: string | null = null
  let seg: string | null = null
  let code = 0
  const ok = await readXml(
    text,
    {
      open(name, attributes, line) {
        if (state.root === null) {
          state.root = name
          if (name !== 'tmx') throw new ExchangeError(`This is not a TMX file (its root element is <${name}>, not <tmx>).`, line)
        }
        if (name === 'tu') unit = { line, created: tmxDate(attributes.creationdate), changed: tmxDate(attributes.changedate), variants: [] }
        else if (name === 'tuv' && unit) lang = languageOf(attributes)
        else if (name === 'seg' && lang !== null) seg = ''
        else if (seg !== null && codeElements.has(name)) code++
      },
      text(t) {
        if (seg !== null && code === 0) seg += t
      },
      close(name) {
        if (seg !== null && codeElements.has(name)) code--
        else if (name === 'seg' && unit && lang !== null && seg !== null) {
          unit.variants.push({ lang, seg: seg.replace(/\s+/g, ' ').trim() })
          seg = null
        } else if (name === 'tuv') lang = null
        else if (name === 'tu' && unit) {
          const record = ++result.units
          const en = unit.variants.find((v) => v.lang === 'en')
          const nl = unit.variants.find((v) => v.lang === 'nl')
          const problem = (message: string) => result.problems.push({ record, line: unit!.line, message })
          if (!en || !nl) problem(`No English and Dutch pair (languages: ${unit.variants.map((v) => v.lang || '?').join(', ') || 'none'}).`)
          else if (!en.seg || !nl.seg) problem('An empty segment.')
          else if (en.seg.length > maxSegmentChars || nl.seg.length > maxSegmentChars) problem(`A segment longer than ${maxSegmentChars.toLocaleString('en')} characters.`)
          else result.pairs.push({ source: en.seg, target: nl.seg, createdAt: unit.created, updatedAt: unit.changed ?? unit.created, record, line: unit.line })
          unit = null
        }
      },
    },
    control,
  )
  if (!ok) return null
  if (state.root !== 'tmx') throw new ExchangeError('This is not a TMX file: it has no <tmx> element.')
  return result
}

const tmxStamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')

/** A TMX 1.4 document of pairs (English source, Dutch target), as OmegaT, memoQ and Trados read them. */
export function writeTmx(units: Iterable<{ id: number; source: string; target: string; origin: string; createdAt: string; updatedAt: string }>, version: string): { text: string; count: number } {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
    '<tmx version="1.4">',
    `  <header creationtool="Kopij" creationtoolversion="${xmlText(version)}" datatype="plaintext" segtype="sentence" adminlang="en-US" srclang="en" o-tmf="Kopij"/>`,
    '  <body>',
  ]
  let count = 0
  for (const unit of units) {
    count++
    lines.push(
      `    <tu tuid="${unit.id}" creationdate="${tmxStamp(unit.createdAt)}" changedate="${tmxStamp(unit.updatedAt)}">`,
      `      <prop type="x-kopij-origin">${xmlText(unit.origin)}</prop>`,
      `      <tuv xml:lang="en"><seg>${xmlText(unit.source)}</seg></tuv>`,
      `      <tuv xml:lang="nl"><seg>${xmlText(unit.target)}</seg></tuv>`,
      '    </tu>',
    )
  }
  lines.push('  </body>', '</tmx>', '')
  return { text: lines.join('\n'), count }
}
