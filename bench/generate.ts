// Generated archives and articles for the bench: Dutch-like text with a realistic (Zipf) spread of common words.
import type { ArticleFields, ArticleStatus, DocumentJson } from '../src/shared/articles'
import type { Archive } from '../src/main/archive'

// The most frequent Dutch words first, so "de", "het" and "een" are in nearly every article, as in real text.
const common = 'de het een en van in is dat op te zijn met voor niet die aan er ook als bij om maar dan of door over uit worden wordt nog kan zo naar'.split(' ')
const domain =
  'acupunctuur rugpijn behandeling patiënten onderzoek placebo naalden homeopathie kruiden therapie klachten studie effect artsen medisch tijdschrift pijn ontsteking hersenen zenuwstelsel hormonen bindweefsel bloedstroom werking resultaten richtlijnen aanbevelingen organisaties verzekering ziekenhuis huisarts gezondheid wetenschap bewijs methode dosis week maanden jaren chronisch acuut lichaam energie meridianen punten fysiotherapie massage osteopathie chiropractie voeding vitaminen supplementen allergie astma migraine hoofdpijn slapeloosheid stress angst depressie vermoeidheid reuma artrose ideeën geneeskunde complementair alternatief regulier'.split(' ')

/** A seeded pseudo-random generator, so every bench run builds the same archive. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function words(rand: () => number, count: number): string {
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    const r = rand()
    // Roughly half of running text is function words; the rest spreads over the domain vocabulary.
    const list = r < 0.5 ? common : domain
    const index = Math.floor(list.length * Math.pow(rand(), 2.2))
    out.push(list[index]!)
  }
  return out.join(' ')
}

/** Bumped whenever the generated text changes, so a cached archive of an older generator is built again. */
export const generatorVersion = 2

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`

/** Exactly `wordCount` words in paragraphs of 40–120 words, with a heading now and then and English blockquotes. */
export function generatedDocument(rand: () => number, wordCount: number): DocumentJson {
  const content: unknown[] = []
  let left = wordCount
  while (left > 0) {
    if (content.length % 9 === 4) {
      const n = Math.min(left, 3 + Math.floor(rand() * 5))
      left -= n
      content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: capitalised(words(rand, n)) }] })
      continue
    }
    const n = Math.min(left, 40 + Math.floor(rand() * 80))
    left -= n
    const paragraph = { type: 'paragraph', content: [{ type: 'text', text: `${capitalised(words(rand, n))}.` }] }
    if (content.length % 7 === 3) content.push({ type: 'blockquote', attrs: { lang: 'en' }, content: [paragraph] })
    else content.push(paragraph)
  }
  return { type: 'doc', content }
}

/**
 * Text an editor types: short sentences of generated words, in plain ASCII so every character is a real key press
 * on a US layout (Playwright inserts characters outside the layout without key events).
 */
export function typedText(rand: () => number, length: number): string {
  let out = ''
  while (out.length < length) {
    const sentence = capitalised(words(rand, 4 + Math.floor(rand() * 8)).normalize('NFKD').replace(/[^\x20-\x7e]/g, ''))
    out += `${sentence}. `
  }
  return out.slice(0, length)
}

const statuses: ArticleStatus[] = ['draft', 'ready', 'scheduled', 'published', 'archived']

export function generatedArticle(rand: () => number, wordCount: number): ArticleFields {
  return {
    title: capitalised(words(rand, 3 + Math.floor(rand() * 6))),
    slug: '',
    language: 'nl',
    status: statuses[Math.floor(rand() * statuses.length)]!,
    categoryPath: ['Behandelwijzen'],
    tags: [],
    excerpt: '',
    doc: generatedDocument(rand, wordCount),
  }
}

/** Fills an archive with `count` articles of 80–400 words, in batches so memory stays flat. */
export function fillArchive(archive: Archive, count: number, seed = 42, onProgress?: (done: number) => void): void {
  const rand = random(seed)
  for (let done = 0; done < count; ) {
    const batch = Math.min(2000, count - done)
    archive.transaction(() => {
      for (let i = 0; i < batch; i++) archive.articles.insert(generatedArticle(rand, 80 + Math.floor(rand() * 320)), 'imported')
    })
    done += batch
    onProgress?.(done)
  }
}
