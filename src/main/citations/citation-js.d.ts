// The part of citation-js Kopij uses (it ships no types): input parsing and the CSL plugin's configuration.
declare module '@citation-js/core' {
  export const plugins: {
    input: { chain(data: string, options: { generateGraph?: boolean; forceType?: string }): unknown[] }
    config: { get(name: string): unknown }
  }
}
declare module '@citation-js/plugin-bibtex'
declare module '@citation-js/plugin-ris'
declare module '@citation-js/plugin-csl'
