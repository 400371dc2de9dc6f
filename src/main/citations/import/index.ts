// Reading BibTeX, RIS, CSL-JSON and MEDLINE/NBIB files or pastes into checked records, with the format told apart.
import type { ImportFormat } from '../../../shared/citations'
import { bibtexImporter } from './bibtex'
import { cslJsonImporter } from './csljson'
import { nbibImporter } from './nbib'
import type { Importer } from './records'
import { risImporter } from './ris'

export { isProblem, type ParsedRecord } from './records'
export { readMedline } from './nbib'

const byExtension: Record<string, ImportFormat> = {
  bib: 'bibtex',
  bibtex: 'bibtex',
  ris: 'ris',
  json: 'csl-json',
  csljson: 'csl-json',
  nbib: 'nbib',
  medline: 'nbib',
}

/** The format of a file: its extension when it names one, else what its first lines look like. */
export function detectFormat(text: string, fileName = ''): ImportFormat | null {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase()
  if (extension && byExtension[extension]) return byExtension[extension]!
  const head = text.replace(/^\uFEFF/, '').slice(0, 20_000)
  if (/^\s*[[{]/.test(head)) return 'csl-json'
  if (/^PMID- /m.test(head)) return 'nbib'
  if (/^TY  - /m.test(head)) return 'ris'
  if (/^\s*@[a-zA-Z]+\s*[{(]/m.test(head)) return 'bibtex'
  return null
}

export function importerFor(format: ImportFormat, text: string): Importer {
  switch (format) {
    case 'bibtex':
      return bibtexImporter(text)
    case 'ris':
      return risImporter(text)
    case 'csl-json':
      return cslJsonImporter(text)
    case 'nbib':
      return nbibImporter(text)
  }
}
