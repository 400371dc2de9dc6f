// DOIs and PMIDs as editors paste them (bare, prefixed, or as doi.org and PubMed links), made canonical.

export type Identifier = { kind: 'doi'; value: string } | { kind: 'pmid'; value: string }

// A DOI is "10." + registrant + "/" + suffix; the suffix may hold almost anything but whitespace.
const doiPattern = /\b(10\.\d{4,9}\/[^\s"]+)/i
const trailing = /[.,;:)\]}>'"]+$/

/** The DOI in a text, or null: "doi:10.1056/NEJMcp0909344", "https://doi.org/10.1056/…", or the bare DOI. */
export function findDoi(text: string): string | null {
  let decoded = text
  try {
    decoded = decodeURIComponent(text)
  } catch {
    // Not URL-encoded after all; read it as it is.
  }
  const match = doiPattern.exec(decoded)
  if (!match) return null
  // A sentence's full stop or a closing bracket is not part of the DOI.
  let doi = match[1]!.replace(trailing, '')
  // Keep a closing bracket that closes one inside the DOI ("10.1002/(SICI)1097-…").
  if (/\(/.test(doi) && !/\)/.test(doi) && /\)/.test(match[1]!)) doi = match[1]!.replace(/[.,;:\]}>'"]+$/, '')
  return doi
}

/** A DOI as Kopij stores it: as registered (case kept), without URL or "doi:" prefix. */
export const normalizeDoi = (doi: string): string | null => findDoi(doi.trim())

export function findPmid(text: string): string | null {
  const trimmed = text.trim()
  const url = /pubmed\.ncbi\.nlm\.nih\.gov\/(\d{1,9})\b/i.exec(trimmed) ?? /ncbi\.nlm\.nih\.gov\/pubmed\/(\d{1,9})\b/i.exec(trimmed)
  if (url) return String(Number(url[1]))
  const labelled = /^(?:PMID|pmid|PubMed ID)\s*:?\s*(\d{1,9})$/.exec(trimmed)
  if (labelled) return String(Number(labelled[1]))
  return /^\d{1,9}$/.test(trimmed) && Number(trimmed) > 0 ? String(Number(trimmed)) : null
}

/** What a pasted text identifies: a DOI wins over a number, since DOIs contain digits. Null for anything else. */
export function readIdentifier(text: string): Identifier | null {
  let trimmed = text.trim()
  try {
    trimmed = decodeURIComponent(trimmed)
  } catch {
    // Not URL-encoded after all.
  }
  if (!trimmed || trimmed.length > 2000 || /\n.*\S/.test(trimmed)) return null
  const pmid = findPmid(trimmed)
  if (pmid) return { kind: 'pmid', value: pmid }
  if (/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*|DOI\s*:?\s*)?10\.\d{4,9}\/\S+$/i.test(trimmed)) {
    const doi = findDoi(trimmed)
    if (doi) return { kind: 'doi', value: doi }
  }
  return null
}

export const doiUrl = (doi: string): string => `https://doi.org/${doi.split('/').map((part, i) => (i === 0 ? part : encodeURIComponent(part))).join('/')}`
export const pubmedUrl = (pmid: string): string => `https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(pmid)}/`
