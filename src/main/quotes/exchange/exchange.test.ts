import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { maxExchangeBytes } from '../../../shared/quotes'
import { startKopij, type Kopij } from '../../kopij'
import { csvRows } from './csv'
import { detectFormat } from './jobs'

let dir: string
let kopij: Kopij
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopij-exchange-'))
  kopij = startKopij({ archivePath: path.join(dir, 'archive.sqlite'), host: 'cli', demo: false, checkOutput: true, outbox: { start: false } })
})
afterEach(() => {
  kopij.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const call = async (name: string, input: unknown) => {
  const envelope = await kopij.dispatch(name, input)
  if (!envelope.ok) throw Object.assign(new Error(`${envelope.error.code}: ${envelope.error.message}`), envelope.error)
  return envelope.value as any
}
let jobs = 0
const check = (target: 'tm' | 'glossary', text: string, fileName = '') => call('quotes.importCheck', { jobId: `job-test-${++jobs}`, target, text, fileName })
const importFile = async (target: 'tm' | 'glossary', text: string, fileName = '') => {
  const report = await check(target, text, fileName)
  return { report, result: await call('quotes.importCommit', { jobId: report.jobId }) }
}

const tmx = (units: string) => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4"><header creationtool="memoQ" srclang="en-US" datatype="plaintext" segtype="sentence" adminlang="en-US" o-tmf="memoQ"/>
<body>${units}</body></tmx>`
const tu = (en: string, nl: string, attrs = '') => `<tu${attrs}><tuv xml:lang="en-US"><seg>${en}</seg></tuv><tuv xml:lang="nl-NL"><seg>${nl}</seg></tuv></tu>`

describe('TMX', () => {
  it('imports English–Dutch pairs of another tool (inline codes left out, dates kept) and names the units it cannot use', async () => {
    const text = tmx(
      tu('Acupuncture <bpt i="1">&lt;b&gt;</bpt>helps<ept i="1">&lt;/b&gt;</ept> &amp; heals.', 'Acupunctuur helpt &amp; geneest.', ' creationdate="20100729T120000Z"') +
        '\n<tu><tuv xml:lang="en"><seg>Only English.</seg></tuv><tuv xml:lang="de"><seg>Nur Deutsch.</seg></tuv></tu>' +
        tu('', 'Leeg.'),
    )
    const { report, result } = await importFile('tm', text, 'memory.tmx')
    expect(report).toMatchObject({ format: 'tmx', records: 3, good: 1, problemCount: 2, duplicates: 0, preview: [{ source: 'Acupuncture helps & heals.', target: 'Acupunctuur helpt & geneest.' }] })
    expect(report.problems).toEqual([
      { record: 2, line: 5, message: 'No English and Dutch pair (languages: en, de).' },
      { record: 3, line: 5, message: 'An empty segment.' },
    ])
    expect(result).toEqual({ added: 1, updated: 0, skipped: 0 })
    expect((await call('tm.search', { query: '' })).items).toMatchObject([{ source: 'Acupuncture helps & heals.', updatedAt: '2010-07-29T12:00:00.000Z', origin: 'import' }])
    // The same file again: nothing new.
    expect((await importFile('tm', text, 'memory.tmx')).result).toEqual({ added: 0, updated: 0, skipped: 1 })
  })

  it('exports the memory as TMX 1.4 that reads back the same', async () => {
    await importFile('tm', tmx(tu('Patients &lt; 18 "years".', 'Patiënten &lt; 18 „jaar”.') + tu('Needles hurt.', 'Naalden doen pijn.')))
    const exported = await call('tm.export', {})
    expect(exported).toMatchObject({ count: 2, fileName: 'kopij-vertaalgeheugen.tmx' })
    expect(exported.text).toContain('<tmx version="1.4">')
    expect(exported.text).toContain('<tuv xml:lang="en"><seg>Patients &lt; 18 &quot;years&quot;.</seg></tuv>')
    const other = startKopij({ archivePath: path.join(dir, 'other.sqlite'), host: 'cli', demo: false, outbox: { start: false } })
    try {
      const envelope = await other.dispatch('quotes.importCheck', { jobId: 'job-roundtrip', target: 'tm', text: exported.text, fileName: 'x.tmx' })
      expect(envelope).toMatchObject({ ok: true, value: { good: 2, problemCount: 0 } })
    } finally {
      other.close()
    }
  })
})

describe('hostile and broken XML', () => {
  it('refuses entity declarations (billion laughs, external entities) without expanding anything', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><tmx version="1.4"><body>${tu('&lol3;', 'x')}</body></tmx>`
    const report = await check('tm', laughs, 'laughs.tmx')
    expect(report).toMatchObject({ good: 0, records: 0, problemCount: 1 })
    expect(report.problems[0].message).toMatch(/declares XML entities/)
    const xxe = `<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY secret SYSTEM "file:///etc/passwd">]><martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&secret;</term></tig></langSet></termEntry></body></text></martif>`
    expect((await check('glossary', xxe, 'x.tbx')).problems[0].message).toMatch(/declares XML entities/)
    // An undeclared entity is an error too, never a lookup.
    expect((await check('tm', tmx(tu('&secret;', 'x')), 'x.tmx')).problems[0].message).toMatch(/entity Kopij does not know/)
  })

  it('names malformed XML and the line, a wrong root, a wrong target, and too much nesting', async () => {
    const broken = await check('tm', '<tmx version="1.4">\n<body>\n<tu><tuv xml:lang="en"><seg>a</seg></tuv>\n</body></tmx>', 'x.tmx')
    expect(broken.problems[0]).toMatchObject({ line: 4 })
    expect(broken.problems[0].message).toMatch(/not well-formed XML/)
    expect((await check('tm', '<html><body/></html>', 'page.tmx')).problems[0].message).toMatch(/not a TMX file/)
    expect((await check('tm', 'term,preferred\nrat,rat\n', 'terms.csv')).problems[0].message).toMatch(/read from a TMX file/)
    expect((await check('tm', `<tmx>${'<a>'.repeat(100)}${'</a>'.repeat(100)}</tmx>`, 'deep.tmx')).problems[0].message).toMatch(/nested more than 64/)
  })

  it('refuses a file over 50 MB before parsing it', async () => {
    const kopijLimit = maxExchangeBytes
    // Multi-byte text: under the character limit the contract checks, over the byte limit the service checks.
    const text = tmx('é'.repeat(kopijLimit / 2 + 10))
    const report = await check('tm', text, 'big.tmx')
    expect(report.problems[0].message).toMatch(/Kopij reads files of up to 50 MB/)
  })

  it('reads a large file in slices with progress, and stops when cancelled without storing anything', async () => {
    const units = Array.from({ length: 40_000 }, (_, i) => tu(`Sentence ${i} about acupuncture and back pain in patients.`, `Zin ${i} over acupunctuur en rugpijn bij patiënten.`)).join('\n')
    const text = tmx(units)
    const progress: number[] = []
    const off = kopij.events.subscribe((name, payload) => name === 'quotes.importProgress' && progress.push((payload as { done: number }).done))
    const running = call('quotes.importCheck', { jobId: 'job-cancel-1', target: 'tm', text, fileName: 'big.tmx' })
    await new Promise((resolve) => setTimeout(resolve, 20))
    await call('quotes.importCancel', { jobId: 'job-cancel-1' })
    const report = await running
    off()
    expect(report.cancelled).toBe(true)
    expect(progress.length).toBeGreaterThan(0)
    expect(progress.every((done) => done < text.length)).toBe(true)
    await expect(call('quotes.importCommit', { jobId: 'job-cancel-1' })).rejects.toMatchObject({ code: 'not-found' })
    expect((await call('tm.search', { query: '' })).total).toBe(0)
  })
})

describe('TBX and CSV glossaries', () => {
  const tbx2 = `<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><martifHeader/><text><body>
<termEntry id="t1"><note>Ook in samenstellingen.</note>
  <langSet xml:lang="en-US"><tig><term>acupuncture</term></tig></langSet>
  <langSet xml:lang="nl-NL"><tig><term>acupunctuur</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
  <tig><term>accupunctuur</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
</termEntry>
<termEntry id="t2"><langSet xml:lang="en"><tig><term>physician</term></tig></langSet></termEntry>
</body></text></martif>`
  const tbx3 = `<?xml version="1.0"?><tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader/><text><body>
<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>physician</term></termSec></langSec>
<langSec xml:lang="nl"><termSec><term>arts</term></termSec><termSec><term>fysicus</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec></conceptEntry>
</body></text></tbx>`

  it('imports TBX v2 and v3 entries: preferred and deprecated Dutch terms, notes; names entries it cannot use', async () => {
    const v2 = await importFile('glossary', tbx2, 'terms.tbx')
    expect(v2.report).toMatchObject({ format: 'tbx', records: 2, good: 1, problemCount: 1, problems: [{ record: 2, message: 'No Dutch term that may be used.' }] })
    const v3 = await importFile('glossary', tbx3)
    expect(v3.report).toMatchObject({ format: 'tbx', good: 1 })
    const entries = (await call('glossary.list', {})).items
    expect(entries.map((e: any) => [e.term, e.preferred, e.forbidden, e.note])).toEqual([
      ['acupuncture', ['acupunctuur'], ['accupunctuur'], 'Ook in samenstellingen.'],
      ['physician', ['arts'], ['fysicus'], ''],
    ])
  })

  it('merges an import into known terms without losing the glossary’s own terms', async () => {
    await call('glossary.save', { entry: { term: 'Acupuncture', preferred: ['acupunctuur', 'naaldbehandeling'], forbidden: [], note: 'eigen' } })
    const { report, result } = await importFile('glossary', tbx2, 'terms.tbx')
    expect(report.duplicates).toBe(1)
    expect(result).toEqual({ added: 0, updated: 1, skipped: 0 })
    expect((await call('glossary.list', {})).items[0]).toMatchObject({ term: 'Acupuncture', preferred: ['acupunctuur', 'naaldbehandeling'], forbidden: ['accupunctuur'], note: 'Ook in samenstellingen.' })
  })

  it('reads CSV with a header (any order, Dutch names), without one, and OmegaT’s tab-separated files', async () => {
    const withHeader = 'Notitie;Engels;Nederlands;Verboden\n"Let op; valse vriend";physician;arts;fysicus | natuurkundige\n;rat;rat|ratten;\n'
    expect((await importFile('glossary', withHeader, 'terms.csv')).result).toEqual({ added: 2, updated: 0, skipped: 0 })
    expect((await call('glossary.list', { query: 'physician' })).items[0]).toMatchObject({ preferred: ['arts'], forbidden: ['fysicus', 'natuurkundige'], note: 'Let op; valse vriend' })
    expect((await importFile('glossary', 'cortisol,cortisol\nlimbic,limbisch,,"in het ""limbisch"" systeem"\n', 'plain.csv')).result.added).toBe(2)
    expect((await call('glossary.list', { query: 'limbic' })).items[0]).toMatchObject({ preferred: ['limbisch'], note: 'in het "limbisch" systeem' })
    const omegat = await importFile('glossary', 'placebo\tplacebo\tGeen vertaling nodig\nno dutch\t\t\n', 'glossary.txt')
    expect(omegat.report).toMatchObject({ good: 1, problemCount: 1 })
  })

  it('exports CSV a spreadsheet opens safely, and TBX that reads back the same', async () => {
    await call('glossary.save', { entry: { term: '=cmd|calc', preferred: ['+SUM(1)'], forbidden: ['-x', 'a, "b"'], note: '@note\nline' } })
    const csv = await call('glossary.export', { format: 'csv' })
    // The glossary keeps a note on one line; a cell still starts with a quote mark rather than a formula.
    expect(csv.text).toBe('term,preferred,forbidden,note\r\n"\'=cmd|calc",\'+SUM(1),"\'-x | a, ""b""",\'@note line\r\n')
    expect([...csvRows('a,"b\nc"\r\n"d ""e""",f', ',')].map((r) => r.cells)).toEqual([
      ['a', 'b\nc'],
      ['d "e"', 'f'],
    ])
    const tbx = await call('glossary.export', { format: 'tbx' })
    await call('glossary.delete', { id: (await call('glossary.list', {})).items[0].id })
    expect((await importFile('glossary', tbx.text, tbx.fileName)).result.added).toBe(1)
    expect((await call('glossary.list', {})).items[0]).toMatchObject({ term: '=cmd|calc', preferred: ['+SUM(1)'], forbidden: ['-x', 'a, "b"'], note: '@note line' })
  })

  it('tells formats apart by name, else by content', () => {
    expect(detectFormat('x', 'a.TMX')).toBe('tmx')
    expect(detectFormat('<?xml version="1.0"?>\n<!-- c -->\n<martif>', '')).toBe('tbx')
    expect(detectFormat('\uFEFF<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "tmx14.dtd"><tmx>', '')).toBe('tmx')
    expect(detectFormat('term,preferred', '')).toBe('csv')
  })
})
