import { afterAll } from 'vitest'
import { removeTempDirs } from './tempDirs.ts'

// Registered before any test file's own hooks, so it runs after them, once their servers are closed.
afterAll(removeTempDirs)
