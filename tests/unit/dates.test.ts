import { describe, expect, it } from 'vitest'
import { exportFileName, formatGermanDate } from '../../shared/dates.ts'

describe('dates and file names as people in Germany write them', () => {
  it('an event date reads 08.11.2024', () => {
    expect(formatGermanDate('2024-11-08')).toBe('08.11.2024')
    expect(formatGermanDate('im Herbst')).toBe('im Herbst')
  })

  it('an export carries the board’s name and the day, without characters a file system refuses', () => {
    expect(exportFileName('Freie Ideenschmiede', new Date(2024, 10, 8, 15))).toBe('Freie Ideenschmiede 08.11.2024')
    expect(exportFileName('Team A/B: "Holz"\n', new Date(2026, 0, 2))).toBe('Team A B Holz 02.01.2026')
    expect(exportFileName(' / ', new Date(2026, 0, 2))).toBe('Ideenschmiede 02.01.2026')
  })
})
