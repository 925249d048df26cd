/** ISO dates (2024-11-08) as people in Germany write them (08.11.2024); anything else as given. */
export function formatGermanDate(date: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(date)
  return iso ? `${iso[3]}.${iso[2]}.${iso[1]}` : date
}

/** Characters no file system accepts in a name. */
const UNSAFE_IN_FILE_NAMES = /[\\/:*?"<>|]+/g

/** A download's name from what it is and the day it is from: "Freie Ideenschmiede 08.11.2024". */
export function exportFileName(title: string, day: Date): string {
  // Whitespace of any kind (tabs, line breaks from a pasted title) becomes one space.
  const safe = title.replace(UNSAFE_IN_FILE_NAMES, ' ').replace(/\s+/g, ' ').trim() || 'Ideenschmiede'
  const date = `${String(day.getDate()).padStart(2, '0')}.${String(day.getMonth() + 1).padStart(2, '0')}.${day.getFullYear()}`
  return `${safe} ${date}`
}
