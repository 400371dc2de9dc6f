// In-page measurement for `npm run bench`, injected before any page script (Playwright addInitScript).
// Plain JavaScript on purpose: it runs as it is written, in the app and in the baseline pages alike.
;(() => {
  'use strict'
  const now = () => performance.now()

  // One MessageChannel queue: a posted callback runs as a new task, after the current task and its microtasks.
  const channel = new MessageChannel()
  const queued = []
  channel.port1.onmessage = () => {
    const callback = queued.shift()
    if (callback) callback()
  }
  const postTask = (callback) => {
    queued.push(callback)
    channel.port2.postMessage(0)
  }
  /** The standard approximation of "the next paint": a task posted from the next animation frame callback. */
  const afterNextFrame = (callback) => requestAnimationFrame(() => postTask(() => callback(now())))

  const state = {
    recording: false,
    windowStart: 0,
    keys: [],
    current: null,
    inSync: false,
    fallbacks: 0,
    longTasks: [],
    eventTimings: [],
    frames: [],
    saves: [],
  }

  // Every event a key press causes. Their listeners (ProseMirror's, React's, the app's) run between our capture
  // listener on window, which is the first to run, and a tail listener added at that moment, which runs last.
  const keyEvents = ['keydown', 'keypress', 'textInput', 'beforeinput', 'input', 'keyup', 'selectionchange']
  const changing = new Set(['keydown', 'keypress', 'textInput', 'beforeinput', 'input'])

  for (const type of keyEvents) {
    window.addEventListener(
      type,
      (event) => {
        if (!state.recording) return
        if (type === 'keydown') {
          state.current = { key: event.key, t0: event.timeStamp, start: now(), handler: 0, parts: {}, changeEnd: 0, paint: null, gen: 0 }
          state.keys.push(state.current)
        }
        const key = state.current
        // An event dispatched from inside another one's listener is already inside that one's time.
        if (!key || state.inSync) return
        state.inSync = true
        let start = 0
        let closed = false
        const close = (end) => {
          if (closed) return
          closed = true
          const spent = end - start
          key.handler += spent
          key.parts[type] = (key.parts[type] || 0) + spent
          if (changing.has(type)) key.changeEnd = end
        }
        // Bubbling events end at window; the others (selectionchange) at their target.
        const tailTarget = event.bubbles ? window : event.target
        const tail = (seen) => {
          if (seen !== event) return
          tailTarget.removeEventListener(type, tail)
          state.inSync = false
          // Microtasks the listeners queued (ProseMirror's DOM observer, React's updates) run before these.
          queueMicrotask(() => queueMicrotask(() => queueMicrotask(() => close(now()))))
        }
        tailTarget.addEventListener(type, tail)
        if (changing.has(type)) {
          const generation = ++key.gen
          afterNextFrame((t) => {
            if (key.gen === generation) key.paint = t - key.t0
          })
        }
        postTask(() => {
          // Only reached first when propagation was stopped: the time then includes the wait for this task.
          if (!closed) {
            tailTarget.removeEventListener(type, tail)
            state.inSync = false
            state.fallbacks++
            close(now())
          }
        })
        // Taken last, so the probe's own bookkeeping above is not counted as the page's handler time.
        start = now()
      },
      true,
    )
  }

  const observe = (type, into, extra) => {
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) into.push(entry.toJSON())
      }).observe({ type, buffered: true, ...extra })
    } catch {
      // An entry type this Chromium does not know: the cross-check is then simply missing from the results.
    }
  }
  observe('longtask', state.longTasks)
  observe('event', state.eventTimings, { durationThreshold: 16 })
  observe('long-animation-frame', state.frames)

  const within = (list, from, to) => list.filter((entry) => entry.startTime >= from && entry.startTime <= to)

  let open = null

  window.__bench = {
    start() {
      state.keys = []
      state.current = null
      state.fallbacks = 0
      state.windowStart = now()
      state.recording = true
    },
    /** Stops recording and waits for the last key's frame, then returns what was seen. */
    stop() {
      return new Promise((resolve) => {
        afterNextFrame(() =>
          afterNextFrame(() => {
            state.recording = false
            const end = now()
            resolve({
              timeOrigin: performance.timeOrigin,
              window: { start: state.windowStart, end },
              fallbacks: state.fallbacks,
              keys: state.keys.map(({ key, t0, start, handler, parts, changeEnd, paint }) => ({
                key,
                t0,
                inputDelay: start - t0,
                handler,
                parts,
                processed: changeEnd ? changeEnd - t0 : null,
                paint,
              })),
              longTasks: within(state.longTasks, state.windowStart, end).map((e) => ({ startTime: e.startTime, duration: e.duration })),
              eventTimings: within(state.eventTimings, state.windowStart, end).map((e) => ({
                name: e.name,
                startTime: e.startTime,
                duration: e.duration,
                processing: e.processingEnd - e.processingStart,
                interactionId: e.interactionId,
              })),
              frames: within(state.frames, state.windowStart, end).map((e) => ({
                startTime: e.startTime,
                duration: e.duration,
                blockingDuration: e.blockingDuration,
                scripts: (e.scripts || []).map((s) => ({
                  invoker: s.invoker,
                  invokerType: s.invokerType,
                  sourceFunctionName: s.sourceFunctionName,
                  sourceURL: s.sourceURL,
                  sourceCharPosition: s.sourceCharPosition,
                  duration: s.duration,
                  forcedStyleAndLayoutDuration: s.forcedStyleAndLayoutDuration,
                })),
              })),
            })
          }),
        )
      })
    },

    /**
     * Arms the open measurement: from the next mousedown to the frame after the title field and the body show
     * the expected article (checked once per animation frame, which costs next to nothing).
     */
    armOpen(expected) {
      const result = {}
      let settle
      let fail
      const done = new Promise((resolve, reject) => {
        settle = resolve
        fail = reject
      })
      const onDown = (event) => {
        result.t0 = event.timeStamp
        window.removeEventListener('mousedown', onDown, true)
        check()
      }
      window.addEventListener('mousedown', onDown, true)
      const shows = () => {
        const title = document.querySelector(expected.titleSelector)
        const body = document.querySelector(expected.bodySelector)
        if (!title || !body) return false
        const titleText = 'value' in title ? title.value : title.textContent
        if (titleText !== expected.title) return false
        const first = body.firstElementChild
        const last = body.lastElementChild
        const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : '')
        return text(first).startsWith(expected.firstText) && text(last).startsWith(expected.lastText)
      }
      const check = () => {
        if (now() - result.t0 > 15000) return fail(new Error('the article did not show within 15 s'))
        requestAnimationFrame(() => {
          if (shows())
            postTask(() => {
              const shown = now()
              settle({ t0: result.t0, shown, duration: shown - result.t0 })
            })
          else check()
        })
      }
      open = done
      return true
    },
    openResult() {
      return open
    },

    /** Records when the page hears of each committed save (article.saved over the bridge). */
    watchSaves() {
      window.api.on('article.saved', (payload) => state.saves.push({ ...payload, heardAt: performance.timeOrigin + now() }))
      return true
    },
    saves() {
      return state.saves.slice()
    },
  }
})()
