import { useEffect, useState, type DependencyList } from 'react'

export type AsyncValue<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: unknown }

/** The result of a promise made from the current props, started again when `deps` (what `make` reads) change. */
export function useAsync<T>(make: () => Promise<T>, deps: DependencyList): AsyncValue<T> {
  const [state, setState] = useState<AsyncValue<T>>({ status: 'loading' })
  useEffect(() => {
    let current = true
    setState({ status: 'loading' })
    make().then(
      (value) => current && setState({ status: 'ready', value }),
      (error: unknown) => current && setState({ status: 'failed', error }),
    )
    return () => {
      current = false
    }
  }, deps)
  return state
}
