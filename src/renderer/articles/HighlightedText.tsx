import { Fragment } from 'react'
import type { HighlightedText as Runs } from '../../shared/articles'

/** Search hits as React text and <mark>: whatever the runs contain stays text, nothing is parsed as HTML. */
export function HighlightedText({ runs }: { runs: Runs }) {
  return (
    <>
      {runs.map((run, index) => (run.match ? <mark key={index}>{run.text}</mark> : <Fragment key={index}>{run.text}</Fragment>))}
    </>
  )
}
