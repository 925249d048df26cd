const MUTE_KEY = 'ideenschmiede.timerMuted'

/** Phones are muted by default: a room full of them chiming at once is noise, the projector carries the sound. */
export function loadTimerMuted(): boolean {
  try {
    const stored = localStorage.getItem(MUTE_KEY)
    if (stored !== null) return stored === '1'
  } catch (error) {
    console.warn('Ideenschmiede: localStorage is not available', error)
  }
  return window.matchMedia('(pointer: coarse)').matches
}

export function storeTimerMuted(muted: boolean): void {
  try {
    localStorage.setItem(MUTE_KEY, muted ? '1' : '0')
  } catch (error) {
    console.warn('Ideenschmiede: could not keep the sound setting', error)
  }
}

/** A soft two-note chime, made on the spot: no sound file to load at a venue without internet. */
export function playTimerChime(): void {
  const AudioContextClass = window.AudioContext as typeof AudioContext | undefined
  if (!AudioContextClass) return
  const audio = new AudioContextClass()
  const notes = [660, 880]
  notes.forEach((frequency, i) => {
    const start = audio.currentTime + i * 0.35
    const oscillator = audio.createOscillator()
    const gain = audio.createGain()
    oscillator.type = 'sine'
    oscillator.frequency.value = frequency
    gain.gain.setValueAtTime(0.0001, start)
    gain.gain.exponentialRampToValueAtTime(0.15, start + 0.05)
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.8)
    oscillator.connect(gain).connect(audio.destination)
    oscillator.start(start)
    oscillator.stop(start + 0.85)
  })
  setTimeout(() => void audio.close(), 2000)
}
