// window.api for the loopback harness: the contract's calls over fetch, its events over server-sent events.
// Served only by the harness; the production renderer bundle has no HTTP transport of its own.
;(() => {
  'use strict'
  const listeners = new Map()
  let source = null

  const connect = () => {
    if (source) return
    source = new EventSource('/api/events')
    source.addEventListener('kopij', (message) => {
      let event
      try {
        event = JSON.parse(message.data)
      } catch {
        return
      }
      for (const listener of listeners.get(event.name) || []) {
        try {
          listener(event.payload)
        } catch (error) {
          console.error('Kopij event listener failed', error)
        }
      }
    })
  }

  const api = {
    async invoke(name, input) {
      try {
        const response = await fetch('/api/call/' + encodeURIComponent(String(name)), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ input: input === undefined ? {} : input }),
        })
        return await response.json()
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: 'The harness did not answer: ' + (error && error.message) } }
      }
    },
    on(name, listener) {
      connect()
      if (!listeners.has(name)) listeners.set(name, new Set())
      listeners.get(name).add(listener)
      return () => listeners.get(name).delete(listener)
    },
  }
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false, configurable: false })
})()
