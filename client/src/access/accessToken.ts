const STORAGE_KEY = 'ideenschmiede.token'

/**
 * A link carries `?token=…` once: it is kept in this browser and removed
 * from the address bar, so it does not end up in screenshots, history
 * or a projector's URL bar.
 */
export function takeAccessToken(): string | null {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    url.searchParams.delete('token')
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash)
    try {
      localStorage.setItem(STORAGE_KEY, fromUrl)
    } catch (error) {
      console.warn('Ideenschmiede: could not keep the access token on this device', error)
    }
    return fromUrl
  }
  try {
    return localStorage.getItem(STORAGE_KEY)
  } catch (error) {
    console.warn('Ideenschmiede: localStorage is not available', error)
    return null
  }
}

/** After a person deleted their data, this device no longer keeps the link that named them. */
export function forgetAccessToken(): void {
  try {
    localStorage.removeItem(STORAGE_KEY)
  } catch (error) {
    console.warn('Ideenschmiede: localStorage is not available', error)
  }
}
