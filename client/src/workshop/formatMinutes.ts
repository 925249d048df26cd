/** Minutes and seconds, rounded up so the display reaches 0:00 exactly when the time is over. */
export function formatMinutes(ms: number): string {
  const total = Math.ceil(ms / 1000)
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`
}
