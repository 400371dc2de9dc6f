// citation-js with the plugins Kopij uses (BibTeX, RIS, CSL), loaded once; every other file imports them from here.
/// <reference path="./citation-js.d.ts" />
import { plugins } from '@citation-js/core'
import '@citation-js/plugin-bibtex'
import '@citation-js/plugin-ris'
import '@citation-js/plugin-csl'

export { plugins }
