import { useCallback, useEffect, useRef, useState } from 'react'
import type { CallInput, CallName, CallOutput } from '../../shared/api'
import { call } from '../api'

export interface Loaded<T> {
  data: T | null
  loading: boolean
  failed: boolean
  reload(): void
}

/** A call whose answer a component shows; a newer request wins, failures go to onError (never swallowed). */
export function useCall<N extends CallName>(name: N, input: CallInput<N>, key: string, onError: (error: unknown) => void): Loaded<CallOutput<N>> {
  const [data, setData] = useState<CallOutput<N> | null>(null)
  const [loading, setLoading] = useState(true)
  const [failed, setFailed] = useState(false)
  const [tick, setTick] = useState(0)
  const request = useRef(0)
  const inputRef = useRef(input)
  inputRef.current = input
  const errorRef = useRef(onError)
  errorRef.current = onError

  useEffect(() => {
    const id = ++request.current
    setLoading(true)
    call(name, inputRef.current)
      .then((value) => {
        if (id !== request.current) return
        setData(value)
        setFailed(false)
      })
      .catch((error) => {
        if (id !== request.current) return
        setFailed(true)
        errorRef.current(error)
      })
      .finally(() => id === request.current && setLoading(false))
  }, [name, key, tick])

  const reload = useCallback(() => setTick((n) => n + 1), [])
  return { data, loading, failed, reload }
}
