import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { NGINX_CONFIG_FILE } from '../support/nginx.ts'

it('the README shows the nginx configuration the two-process tests run, word for word', () => {
  const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8')
  expect(readme).toContain('```nginx\n' + fs.readFileSync(NGINX_CONFIG_FILE, 'utf8') + '```')
})
